package org.homeward.console.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import org.homeward.console.support.Browser;
import org.junit.jupiter.api.Test;

/**
 * Opening a case from the console against {@link OpenCaseStandIn}: the form for reporters (CSRF field, the time zone
 * field the script fills, labels), the exact body sent to intake with occurredAt from the person's zone in UTC, the
 * console's own checks and intake's field errors next to their fields with the values kept, in English and Korean;
 * others see why and cannot post; no name in any URL.
 */
@QuarkusTest
@TestProfile(OpenCaseStandIn.Profile.class)
class OpenCaseTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static Response open(Browser browser, String... fields) {
        var form = browser.form();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            form.formParam(fields[i], fields[i + 1]);
        }
        return form.post("/cases/new");
    }

    static void save(String name, String html) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "pages"));
        Files.writeString(dir.resolve(name), html);
    }

    @Test
    void aReporterOpensACaseWithOccurredAtInTheirOwnZone() throws Exception {
        Browser reporter = Browser.signedIn("reporter-1", "reporter", "caseworker");
        Response page = reporter.request().get("/cases/new");
        assertEquals(200, page.statusCode());
        String html = page.asString();
        save("open-case.html", html);
        assertTrue(html.contains("id=\"open-case-form\""), html);
        assertTrue(html.contains("name=\"csrf-token\" value=\"" + reporter.csrfField() + "\""));
        for (String field : OpenCaseForm.FIELDS) {
            assertTrue(html.contains("<label for=\"field-" + field + "\">"), "a label for " + field);
            assertTrue(html.contains("id=\"field-" + field + "\" name=\"" + field + "\""), "an input for " + field);
        }
        assertTrue(html.contains("type=\"datetime-local\""));
        assertTrue(html.contains("data-browser-zone value=\"\""), "the zone is left for the script to fill");
        assertTrue(html.contains("<option value=\"Asia/Seoul\">"), "zones suggested");

        int before = OpenCaseStandIn.BODIES.size();
        Response opened = open(reporter, "category", "NORTH_KOREAN_POW", "hangulName", "리광철", "romanizedNames",
                "Ri Gwang-cheol\nRi Kwang-ch'ŏl", "birthYear", "2000", "sex", "MALE", "placeTaken",
                "Kursk oblast, Russia", "dateTaken", "2025-01-09", "occurredAt", "2025-01-09T15:00",
                "timeZone", "Asia/Seoul", "placeOfOrigin", "");
        assertEquals(303, opened.statusCode(), opened.asString());
        String location = opened.getHeader("Location");
        assertTrue(location.endsWith("/cases/new?opened=" + OpenCaseStandIn.CASE_ID), location);
        assertEquals(before + 1, OpenCaseStandIn.BODIES.size());
        JsonNode body = JSON.readTree(OpenCaseStandIn.BODIES.get(before));
        assertEquals(JSON.readTree("""
                {"occurredAt": "2025-01-09T06:00:00Z", "category": "NORTH_KOREAN_POW",
                 "person": {"hangulName": "리광철", "romanizedNames": ["Ri Gwang-cheol", "Ri Kwang-ch'ŏl"],
                            "birthYear": 2000, "sex": "MALE"},
                 "placeTaken": "Kursk oblast, Russia", "dateTaken": "2025-01-09"}"""), body);

        String after = reporter.request().get(location.substring(location.indexOf("/cases/new"))).asString();
        assertTrue(after.contains("id=\"case-opened\""), after);
        assertTrue(after.contains("href=\"/cases/" + OpenCaseStandIn.CASE_ID + "\""), "links to the new case");
        assertTrue(OpenCaseStandIn.REQUESTS.stream().noneMatch(r -> r.contains("%EB") || r.contains("Gwang")),
                "no name in any URL: " + OpenCaseStandIn.REQUESTS);
    }

    @Test
    void theConsolesOwnChecksShowNextToTheirFieldsWithTheValuesKeptAndSendNothing() throws Exception {
        Browser reporter = Browser.signedIn("reporter-2", "reporter");
        int before = OpenCaseStandIn.BODIES.size();
        Response refused = open(reporter, "category", "", "birthYear", "19x0", "occurredAt", "2025-01-09T15:00",
                "timeZone", "Asia/Atlantis", "placeTaken", "Kursk");
        assertEquals(422, refused.statusCode());
        String html = refused.asString();
        save("open-case-refused.html", html);
        assertEquals(before, OpenCaseStandIn.BODIES.size(), "intake was not called");
        assertTrue(html.contains("id=\"open-case-error\""));
        for (String field : new String[] {"category", "hangulName", "birthYear", "timeZone"}) {
            assertTrue(html.contains("id=\"error-" + field + "\""), "an error next to " + field);
        }
        assertTrue(html.contains("id=\"field-birthYear\" name=\"birthYear\" type=\"text\" maxlength=\"4\""
                + " autocomplete=\"off\" value=\"19x0\" aria-describedby=\"error-birthYear\" aria-invalid=\"true\""),
                html);
        assertTrue(html.contains("value=\"Kursk\""), "the values typed are kept");
        assertTrue(html.contains("value=\"Asia/Atlantis\" aria-describedby=\"field-timeZone-hint error-timeZone\""
                + " aria-invalid=\"true\""), html);
        assertTrue(html.contains("a Hangul name or at least one romanised name is required"));

        String korean = reporter.form().cookie("homeward_lang", "ko").formParam("category", "DEFECTOR")
                .formParam("occurredAt", "2025-01-09T15:00").post("/cases/new").asString();
        assertTrue(korean.contains("사례를 열지 못했습니다."), "the failure in Korean");
        assertTrue(korean.contains("한글 이름이나 로마자 이름을 하나 이상 적어야 합니다"), "the field error in Korean");
        assertTrue(korean.contains("<label for=\"field-timeZone\">시간대</label>"));
    }

    @Test
    void intakesFieldErrorsShowNextToTheirFields() {
        Browser reporter = Browser.signedIn("reporter-3", "reporter");
        Response refused = open(reporter, "category", "DEFECTOR", "romanizedNames", "refuse-me", "occurredAt",
                "2025-01-09T06:00", "timeZone", "UTC");
        assertEquals(422, refused.statusCode());
        String html = refused.asString();
        assertTrue(html.contains("id=\"error-romanizedNames\">must not be a placeholder</p>"), html);
        assertTrue(html.contains("<p class=\"other-error\">must not be in the future</p>"), "the rest above");
        assertTrue(html.contains("The request has invalid fields: 2 fields are not valid"));
        assertTrue(html.contains(">refuse-me</textarea>"), "the names kept");
    }

    @Test
    void othersSeeWhyAndCannotOpenACase() {
        Browser caseworker = Browser.signedIn("caseworker-1", "caseworker", "advocate");
        String html = caseworker.request().get("/cases/new").asString();
        assertTrue(html.contains("id=\"open-case-not-reporter\""));
        assertFalse(html.contains("id=\"open-case-form\""));
        int before = OpenCaseStandIn.BODIES.size();
        Response refused = open(caseworker, "category", "DEFECTOR", "hangulName", "김", "occurredAt",
                "2025-01-09T06:00");
        assertEquals(403, refused.statusCode());
        assertEquals(before, OpenCaseStandIn.BODIES.size(), "intake was not called");
        String list = caseworker.request().get("/cases").asString();
        assertTrue(list.contains("<a href=\"/cases/new\" id=\"open-case-link\">Open a case</a>"), list);
    }

    @Test
    void withoutASessionThePageAsksToSignIn() {
        io.restassured.RestAssured.given().redirects().follow(false).get("/cases/new").then().statusCode(303);
    }
}
