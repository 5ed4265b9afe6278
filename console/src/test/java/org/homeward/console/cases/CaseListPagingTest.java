package org.homeward.console.cases;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The case list pages with the case service's cursor against {@link CaseListStandIn}: "Next page" carries the
 * service's {@code next} as {@code after} (in a link for the list, in a posted form for a search, so that a name never
 * appears in a URL), "First page" goes back to the start, and a value that is not a cursor starts from the top.
 */
@QuarkusTest
@TestProfile(CaseListStandIn.Profile.class)
class CaseListPagingTest {

    static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";
    static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    static final Pattern NEXT_LINK = Pattern.compile("id=\"page-next\" href=\"([^\"]+)\"");
    static final Pattern ROW = Pattern.compile("id=\"case-row-([0-9a-f-]+)\"");

    record Browser(String csrfCookie, String csrfField, String session) {
        RequestSpecification request() {
            return given().redirects().follow(false).cookie("homeward_csrf", csrfCookie)
                    .cookie("homeward_session", session);
        }

        String page(String path) {
            Response answer = request().get(path);
            assertEquals(200, answer.statusCode(), path);
            return answer.asString();
        }

        String search(String... fields) {
            RequestSpecification form = request().contentType(FORM).formParam("csrf-token", csrfField);
            for (int i = 0; i + 1 < fields.length; i += 2) {
                form = form.formParam(fields[i], fields[i + 1]);
            }
            Response answer = form.post("/cases/search");
            assertEquals(200, answer.statusCode());
            return answer.asString();
        }
    }

    @BeforeEach
    void forget() {
        CaseListStandIn.REQUESTS.clear();
    }

    static Browser signedIn() {
        Response page = given().redirects().follow(false).get("/sign-in");
        Matcher m = CSRF_FIELD.matcher(page.asString());
        assertTrue(m.find());
        String csrf = page.getCookie("homeward_csrf");
        Response answer = given().redirects().follow(false).cookie("homeward_csrf", csrf).contentType(FORM)
                .formParam("csrf-token", m.group(1)).formParam("organisation", "defector-org")
                .formParam("name", "caseworker-1").formParam("roles", "caseworker").post("/sign-in");
        assertEquals(303, answer.statusCode());
        String session = answer.getCookie("homeward_session");
        assertNotNull(session);
        return new Browser(csrf, m.group(1), session);
    }

    @Test
    void theListFollowsTheServicesCursorPageAfterPage() {
        Browser browser = signedIn();
        List<String> shown = new ArrayList<>();
        String html = browser.page("/cases?category=DEFECTOR");
        assertTrue(CaseListStandIn.REQUESTS.contains("GET /api/v1/cases?category=DEFECTOR&size=20"),
                CaseListStandIn.REQUESTS.toString());
        assertTrue(html.contains("Page 1 of 3"), html);
        assertFalse(html.contains("id=\"page-first\""), "the first page has no way back to itself");
        int pages = 1;
        while (true) {
            shown.addAll(rows(html));
            Matcher next = NEXT_LINK.matcher(html);
            if (!next.find()) {
                break;
            }
            String href = next.group(1).replace("&amp;", "&");
            assertTrue(href.startsWith("/cases?after="), href);
            assertTrue(href.contains("category=DEFECTOR"), href);
            html = browser.page(href);
            pages++;
            assertTrue(html.contains("Page " + pages + " of 3"), html);
            assertTrue(html.contains("id=\"page-first\" href=\"/cases?category=DEFECTOR\""), html);
        }
        assertEquals(3, pages);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < CaseListStandIn.CASES; i++) {
            expected.add(CaseListStandIn.caseId(i));
        }
        assertEquals(expected, shown, "every case once, in the service's order");
        assertTrue(CaseListStandIn.REQUESTS.contains("GET /api/v1/cases?category=DEFECTOR&after="
                + CaseListStandIn.cursor(39) + "&size=20"), CaseListStandIn.REQUESTS.toString());
    }

    @Test
    void aSearchPagesByPostingTheCursorSoTheNameIsNeverInAUrl() {
        Browser browser = signedIn();
        String first = browser.search("q", "Kim Kwang-won");
        assertTrue(first.contains("At least 40 cases"), "a search that counted up to its bound says so");
        assertTrue(first.contains("Page 1<"), first);
        assertFalse(first.contains("id=\"page-next\" href"), "a search's next page is a form, not a link");
        Matcher after = Pattern.compile("name=\"after\" value=\"([^\"]+)\"").matcher(first);
        assertTrue(after.find(), first);
        assertEquals(CaseListStandIn.cursor(19), after.group(1));

        String second = browser.search("q", "Kim Kwang-won", "after", after.group(1), "n", "2");
        assertEquals(rows(second).get(0), CaseListStandIn.caseId(20));
        assertTrue(second.contains("Page 2<"), second);
        assertTrue(second.contains("id=\"page-first\""));
        assertTrue(CaseListStandIn.REQUESTS.contains("GET /api/v1/cases?q=Kim+Kwang-won&after="
                + CaseListStandIn.cursor(19) + "&size=20"), CaseListStandIn.REQUESTS.toString());
        for (String html : List.of(first, second)) {
            Matcher href = Pattern.compile("(?:href|action)=\"([^\"]*)\"").matcher(html);
            while (href.find()) {
                assertFalse(href.group(1).contains("Kim") || href.group(1).contains("Kwang"), href.group(1));
            }
        }
    }

    @Test
    void somethingThatIsNotACursorStartsFromTheTop() {
        Browser browser = signedIn();
        String html = browser.page("/cases?after=%3Cscript%3E&n=7");
        assertEquals(CaseListStandIn.caseId(0), rows(html).get(0));
        assertTrue(html.contains("Page 1 of 3"), html);
        assertTrue(CaseListStandIn.REQUESTS.contains("GET /api/v1/cases?size=20"), CaseListStandIn.REQUESTS.toString());
    }

    private static List<String> rows(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
