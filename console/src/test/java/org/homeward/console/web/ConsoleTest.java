package org.homeward.console.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console against a stand-in of the three services ({@link FakeHomeward}): sessions, CSRF, headers, pages. */
@QuarkusTest
@QuarkusTestResource(FakeHomeward.class)
class ConsoleTest {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";
    static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    /** A browser's state: the CSRF cookie and field, and the session cookie once signed in. */
    record Browser(String csrfCookie, String csrfField, String session) {
        RequestSpecification request() {
            RequestSpecification spec = given().redirects().follow(false).cookie("homeward_csrf", csrfCookie);
            return session == null ? spec : spec.cookie("homeward_session", session);
        }

        RequestSpecification form() {
            return request().contentType(FORM).formParam("csrf-token", csrfField);
        }
    }

    static Browser anonymous() {
        Response page = given().redirects().follow(false).get("/sign-in");
        page.then().statusCode(200);
        Matcher m = CSRF_FIELD.matcher(page.asString());
        assertTrue(m.find(), "the sign-in form carries a CSRF token");
        String cookie = page.getCookie("homeward_csrf");
        assertNotNull(cookie, "the CSRF cookie is set");
        return new Browser(cookie, m.group(1), null);
    }

    static Browser signedIn(String... roles) {
        Browser browser = anonymous();
        Response answer = browser.form().formParam("organisation", "defector-org").formParam("name", "advocate-1")
                .formParam("roles", (Object[]) roles).post("/sign-in");
        answer.then().statusCode(303).header("Location", endsWith("/cases"));
        return new Browser(browser.csrfCookie(), browser.csrfField(), answer.getCookie("homeward_session"));
    }

    @Test
    void casesWithoutASessionRedirectToTheSignIn() {
        given().redirects().follow(false).get("/cases").then().statusCode(303)
                .header("Location", endsWith("/sign-in"));
        given().redirects().follow(false).cookie("homeward_session", "not-a-session").get("/cases/"
                + FakeHomeward.CASE_ID).then().statusCode(303).header("Location", endsWith("/sign-in"));
        given().redirects().follow(false).get("/alerts/stream").then().statusCode(401);
    }

    @Test
    void theLocalSignInSaysItIsLocalOnlyAndSetsAStrictHttpOnlyCookieWithoutTheToken() {
        Browser browser = anonymous();
        given().get("/sign-in").then().body(containsString("id=\"local-only\""))
                .body(containsString("./homeward up"));
        Response answer = browser.form().formParam("organisation", "defector-org").formParam("name", "advocate-1")
                .formParam("roles", "caseworker", "advocate").post("/sign-in");
        answer.then().statusCode(303);
        String setCookie = answer.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("homeward_session=")).findFirst().orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=strict"), setCookie);
        assertTrue(setCookie.contains("Path=/"), setCookie);
        String id = answer.getCookie("homeward_session");
        assertEquals(43, id.length(), "32 random bytes, base64url");
        assertFalse(answer.asString().contains("eyJ") || answer.getHeaders().toString().contains("eyJ"),
                "no token in the answer");

        Response page = new Browser(browser.csrfCookie(), browser.csrfField(), id).request().get("/cases");
        page.then().statusCode(200).body(containsString("리광철")).body(containsString("id=\"case-results\""))
                .body(containsString("id=\"alert-count\"")).body(not(containsString("eyJ")));
        assertFalse(page.getHeaders().toString().contains("eyJ"));
        assertTrue(FakeHomeward.REQUESTS.stream().anyMatch(r -> r.startsWith("GET /api/v1/cases?") && r.endsWith(
                "auth=true")), "the API was called with the session's bearer token");
    }

    @Test
    void anInvalidSignInIsRefusedWithTheFormAgain() {
        anonymous().form().formParam("organisation", "bad org!").formParam("name", "x").formParam("roles", "advocate")
                .post("/sign-in").then().statusCode(422).body(containsString("id=\"sign-in-error\""));
        anonymous().form().formParam("organisation", "org").formParam("name", "x").post("/sign-in").then()
                .statusCode(422);
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() {
        Browser browser = anonymous();
        int status = browser.request().contentType(FORM).formParam("organisation", "defector-org")
                .formParam("name", "advocate-1").formParam("roles", "caseworker").post("/sign-in").statusCode();
        assertEquals(400, status);
        int wrong = browser.request().contentType(FORM).formParam("csrf-token", "AAAA" + browser.csrfField())
                .formParam("organisation", "defector-org").formParam("name", "advocate-1")
                .formParam("roles", "caseworker").post("/sign-in").statusCode();
        assertEquals(400, wrong);

        Browser signedIn = signedIn("caseworker");
        signedIn.request().contentType(FORM).post("/sign-out").then().statusCode(400);
        signedIn.request().get("/cases").then().statusCode(200);
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        Browser browser = signedIn("caseworker", "advocate", "reporter");
        List<Response> answers = List.of(
                given().redirects().follow(false).get("/sign-in"),
                given().redirects().follow(false).get("/cases"),
                given().get("/console.js"),
                given().get("/console.css"),
                given().get("/q/health"),
                browser.request().get("/cases"),
                browser.request().get("/cases/" + FakeHomeward.CASE_ID),
                browser.request().get("/cases/00000000-0000-4000-8000-000000000000"),
                browser.request().get("/cases/not-a-case"),
                browser.request().get("/alerts"),
                browser.form().post("/sign-in"));
        for (Response answer : answers) {
            assertEquals(CSP, answer.getHeader("Content-Security-Policy"));
            assertEquals("nosniff", answer.getHeader("X-Content-Type-Options"));
            assertEquals("no-referrer", answer.getHeader("Referrer-Policy"));
        }
        browser.request().get("/cases/not-a-case").then().statusCode(404).body(containsString("id=\"error-title\""));
    }

    @Test
    void aSearchByNameIsAPostAndItsResultsAreRenderedThere() {
        Browser browser = signedIn("caseworker");
        browser.form().formParam("q", "Lee Kwang-chol").formParam("category", "NORTH_KOREAN_POW").post("/cases/search")
                .then().statusCode(200).body(containsString("리광철")).body(containsString("value=\"Lee Kwang-chol\""));
        assertTrue(FakeHomeward.REQUESTS.stream().anyMatch(r -> r.contains("q=Lee+Kwang-chol")
                && r.contains("category=NORTH_KOREAN_POW")));
        browser.form().formParam("q", "").formParam("state", "DECEASED").post("/cases/search").then().statusCode(303)
                .header("Location", endsWith("/cases?state=DECEASED"));
    }

    @Test
    void theCasePageShowsConflictsTimelineAndTheReportForm() {
        Browser browser = signedIn("caseworker", "reporter");
        browser.request().get("/cases/" + FakeHomeward.CASE_ID).then().statusCode(200)
                .body(containsString("id=\"conflicts\""))
                .body(containsString("Life after death"))
                .body(containsString("id=\"case-state\" data-value=\"DECEASED\""))
                .body(containsString("Ri Kwangch&#39;ŏl"))
                .body(containsString("id=\"vital-claims\""))
                .body(containsString("class=\"entry status-RETRACTED\""))
                .body(containsString("confused with his brother"))
                .body(containsString("RESETTLED is not legal in state REPORTED"))
                .body(containsString("id=\"report-form\""))
                .body(containsString("id=\"field-EVENT_RETRACTED-eventId\""))
                .body(containsString("id=\"field-CAPTURED-heldBy\" name=\"CAPTURED.heldBy\""));
        browser.request().cookie("homeward_lang", "ko").get("/cases/" + FakeHomeward.CASE_ID).then().statusCode(200)
                .body(containsString("<html lang=\"ko\">"))
                .body(containsString("id=\"case-state\" data-value=\"DECEASED\">사망</dd>"))
                .body(containsString("사망 보고 후 생존 정황"))
                .body(containsString("2025. 1. 9."));
    }

    @Test
    void aRefusedReportShowsEachFieldErrorNextToItsFieldWithTheValuesKept() {
        Browser browser = signedIn("caseworker", "reporter");
        String path = "/cases/" + FakeHomeward.CASE_ID + "/events";
        browser.form().formParam("type", "CAPTURED").formParam("occurredAt", "2025-01-09T06:00")
                .formParam("CAPTURED.heldBy", "nobody").formParam("CAPTURED.location", "Kursk front").post(path)
                .then().statusCode(422)
                .body(containsString("id=\"error-CAPTURED-heldBy\">must name who holds the person"))
                .body(containsString("value=\"nobody\""))
                .body(containsString("value=\"Kursk front\""));

        int before = FakeHomeward.BODIES.size();
        browser.form().formParam("type", "CAPTURED").formParam("occurredAt", "").post(path).then().statusCode(422)
                .body(containsString("id=\"error-occurredAt\""))
                .body(containsString("id=\"error-CAPTURED-heldBy\">is required"));
        assertEquals(before, FakeHomeward.BODIES.size(), "a form missing required fields is not sent");

        browser.form().formParam("type", "CAPTURED").formParam("occurredAt", "2025-01-09T06:00")
                .formParam("CAPTURED.heldBy", "Ukraine").formParam("TRANSFERRED.to", "ignored").post(path)
                .then().statusCode(303).header("Location", endsWith("/cases/" + FakeHomeward.CASE_ID
                        + "?notice=accepted"));
        assertEquals("{\"type\":\"CAPTURED\",\"occurredAt\":\"2025-01-09T06:00:00Z\",\"heldBy\":\"Ukraine\"}",
                FakeHomeward.BODIES.get(FakeHomeward.BODIES.size() - 1));
        browser.request().get("/cases/" + FakeHomeward.CASE_ID + "?notice=accepted").then()
                .body(containsString("id=\"notice\""));
    }

    @Test
    void alertsListAcknowledgeAndTheLiveStreamIsRelayedWithoutTheToken() {
        Browser browser = signedIn("advocate");
        browser.request().get("/alerts").then().statusCode(200)
                .body(containsString("id=\"alert-" + FakeHomeward.NOTIFICATION_ID + "\""))
                .body(containsString("data-stream=\"on\""));
        browser.form().post("/alerts/" + FakeHomeward.NOTIFICATION_ID + "/ack").then().statusCode(303)
                .header("Location", endsWith("/alerts?notice=acknowledged"));
        assertTrue(FakeHomeward.REQUESTS.contains("POST /api/v1/notifications/" + FakeHomeward.NOTIFICATION_ID
                + "/ack auth=true"));
        Response stream = browser.request().accept("text/event-stream").get("/alerts/stream");
        stream.then().statusCode(200);
        String body = stream.asString();
        assertTrue(body.contains("id:42") || body.contains("id: 42"), body);
        assertTrue(body.contains(FakeHomeward.NOTIFICATION_ID), body);
        assertFalse(body.contains("eyJ"));
    }

    @Test
    void signOutEndsTheSessionAndClearsTheCookie() {
        Browser browser = signedIn("caseworker");
        Response out = browser.form().post("/sign-out");
        out.then().statusCode(303).header("Location", containsString("/sign-in"));
        Cookie cleared = out.getDetailedCookie("homeward_session");
        assertEquals("", cleared.getValue());
        browser.request().get("/cases").then().statusCode(303).header("Location", endsWith("/sign-in"));
    }

    @Test
    void koreanFromTheBrowserOrTheSwitch() {
        given().header("Accept-Language", "ko-KR,ko;q=0.9,en;q=0.5").get("/sign-in").then()
                .body(containsString("<html lang=\"ko\">")).body(containsString("로컬 시스템 전용"));
        given().get("/sign-in").then().body(containsString("<html lang=\"en\">"));
        Browser browser = anonymous();
        Response switched = browser.form().formParam("lang", "ko").formParam("back", "/sign-in").post("/language");
        switched.then().statusCode(303).header("Location", endsWith("/sign-in"));
        assertEquals("ko", switched.getCookie("homeward_lang"));
        given().cookie("homeward_lang", "ko").get("/sign-in").then().body(containsString("<html lang=\"ko\">"));
        browser.form().formParam("lang", "ko").formParam("back", "//evil.example").post("/language").then()
                .header("Location", endsWith("/cases"));
    }

    @Test
    void theRootOpensTheCases() {
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", endsWith("/cases"));
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }
}
