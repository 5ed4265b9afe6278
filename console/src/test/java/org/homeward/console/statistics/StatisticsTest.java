package org.homeward.console.statistics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.homeward.console.support.Browser;
import org.homeward.console.support.StandInApis;
import org.junit.jupiter.api.Test;

/** The statistics page and its CSV files against a stand-in of case-service ({@link FakeStatistics}). */
@QuarkusTest
@TestProfile(StatisticsTest.OwnFake.class)
class StatisticsTest {

    /** Runs the console against {@link FakeStatistics} only (not the global FakeHomeward). */
    public static class OwnFake extends StandInApis.Only {
        public OwnFake() {
            super(FakeStatistics.class);
        }
    }

    @Test
    void theThreeChartsWithTheirNumbersTablesAndCsvLinks() {
        Browser browser = Browser.signedIn("caseworker-1", "caseworker");
        Response page = browser.request().get("/statistics");
        page.then().statusCode(200)
                .body(containsString("id=\"nav-statistics\" aria-current=\"page\""))
                .body(containsString("id=\"statistics-total\" data-total=\"1234\">Cases in all: 1,234"))
                // the charts: inline SVG with an accessible name
                .body(containsString("<svg id=\"chart-byCategory\" class=\"chart\" role=\"img\" "
                        + "aria-labelledby=\"chart-byCategory-title\" aria-describedby=\"chart-byCategory-desc\""))
                .body(containsString("<svg id=\"chart-byState\" class=\"chart\" role=\"img\""))
                .body(containsString("<svg id=\"chart-byAgeGroup\" class=\"chart\" role=\"img\""))
                .body(containsString("<title id=\"chart-byState-title\">Cases by state</title>"))
                .body(containsString("<title id=\"chart-byAgeGroup-title\">Cases by age when taken</title>"))
                // bars in proportion: the largest 380 wide, 34 of 1,000 → 13
                .body(containsString("<g class=\"chart-row\" data-key=\"REPORTED\" data-value=\"1000\">"))
                .body(containsString("y=\"6\" width=\"380\" height=\"20\""))
                .body(containsString("y=\"36\" width=\"13\" height=\"20\""))
                // the numbers behind each chart, one click away
                .body(containsString("<details class=\"chart-numbers\" id=\"numbers-byState\">"))
                .body(containsString("id=\"table-byCategory\""))
                .body(containsString("id=\"table-byState\""))
                .body(containsString("id=\"table-byAgeGroup\""))
                .body(containsString("<th scope=\"col\">State</th>"))
                .body(containsString("<tr data-key=\"REPORTED\" data-value=\"1000\">\n          <th scope=\"row\">"
                        + "Reported</th>\n          <td class=\"num\">1,000</td>"))
                .body(containsString("<tr data-key=\"NORTH_KOREAN_POW\" data-value=\"1200\">"))
                .body(containsString("<tr data-key=\"DEFECTOR\" data-value=\"34\">"))
                .body(containsString("<tr data-key=\"20s\" data-value=\"1200\">\n          <th scope=\"row\">"
                        + "20–29</th>"))
                .body(containsString("<tr data-key=\"unknown\" data-value=\"34\">"))
                .body(containsString("<td class=\"num\">97.2%</td>"))
                // CSV per chart
                .body(containsString("id=\"csv-byCategory\" href=\"/statistics.csv?chart=byCategory\""))
                .body(containsString("id=\"csv-byState\" href=\"/statistics.csv?chart=byState\""))
                .body(containsString("id=\"csv-byAgeGroup\" href=\"/statistics.csv?chart=byAgeGroup\""))
                // case-service does not count by year taken: said, not drawn
                .body(containsString("id=\"by-year-taken-unavailable\""))
                .body(not(containsString("id=\"chart-byYearTaken\"")));
        String html = page.asString();
        save("statistics.html", html);
        save("statistics-ko.html", browser.request().cookie("homeward_lang", "ko").get("/statistics").asString());
        assertFalse(Pattern.compile("\\sstyle=").matcher(html).find(), "no inline style (CSP style-src 'self')");
        assertFalse(Pattern.compile("<script(?![^>]*src=\"/console.js\")").matcher(html).find(), "no inline script");
        assertEquals(3, html.split("role=\"img\"", -1).length - 1);
        assertTrue(FakeStatistics.REQUESTS.contains("GET /api/v1/statistics auth=true"), FakeStatistics.REQUESTS
                .toString());
    }

    @Test
    void theCategoryFilterIsPassedOnAndKeptInTheCsvLinks() {
        Browser browser = Browser.signedIn("caseworker-1", "caseworker");
        browser.request().get("/statistics?category=DEFECTOR").then().statusCode(200)
                .body(containsString("<option value=\"DEFECTOR\" selected>"))
                .body(containsString("id=\"statistics-filtered\" data-category=\"DEFECTOR\""))
                .body(containsString("id=\"csv-byState\" href=\"/statistics.csv?chart=byState&amp;category=DEFECTOR\""))
                .body(containsString("<tr data-key=\"DEFECTOR\" data-value=\"34\">"))
                .body(not(containsString("<tr data-key=\"NORTH_KOREAN_POW\"")));
        assertTrue(FakeStatistics.REQUESTS.contains("GET /api/v1/statistics?category=DEFECTOR auth=true"));
        int before = FakeStatistics.REQUESTS.size();
        browser.request().get("/statistics?category=NOT_A_CATEGORY").then().statusCode(200);
        assertEquals("GET /api/v1/statistics auth=true", FakeStatistics.REQUESTS.get(before),
                "an unknown category is no filter");
    }

    @Test
    void eachChartsCsvHasAHeaderRowAndItsRows() {
        Browser browser = Browser.signedIn("caseworker-1", "caseworker");
        Response state = browser.request().get("/statistics.csv?chart=byState");
        state.then().statusCode(200);
        assertEquals("text/csv;charset=UTF-8", state.getContentType().replace(" ", ""));
        assertEquals("attachment; filename=\"homeward-statistics-byState.csv\"",
                state.getHeader("Content-Disposition"));
        assertEquals(String.join("\r\n", "Code,State,Cases", "REPORTED,Reported,1000", "IN_CUSTODY,In custody,34",
                "INTENT_STATED,Intent stated,0", "TRANSFER_PENDING,Transfer pending,0", "TRANSFERRED,Transferred,200",
                "RESETTLED,Resettled,0", "RETURNED,Returned,0", "DECEASED,Deceased,0", "CLOSED,Closed,0") + "\r\n",
                state.asString());

        String category = browser.request().get("/statistics.csv?chart=byCategory").asString();
        assertEquals(String.join("\r\n", "Code,Category,Cases", "SOUTH_KOREAN_POW,South Korean prisoner of war,0",
                "WAR_ABDUCTEE,War abductee,0", "POSTWAR_ABDUCTEE,Post-war abductee,0", "DETAINEE,Detainee,0",
                "NORTH_KOREAN_POW,North Korean prisoner of war,1200", "DEFECTOR,Defector,34") + "\r\n", category);

        List<String> age = browser.request().get("/statistics.csv?chart=byAgeGroup").asString().lines().toList();
        assertEquals("Code,Age when taken,Cases", age.get(0));
        assertEquals("under 10,Under 10,0", age.get(1));
        assertEquals("20s,20–29,1200", age.get(3));
        assertEquals("unknown,Unknown,34", age.get(12));
        assertEquals(13, age.size());

        Response filtered = browser.request().get("/statistics.csv?chart=byState&category=DEFECTOR");
        assertEquals("attachment; filename=\"homeward-statistics-byState-DEFECTOR.csv\"",
                filtered.getHeader("Content-Disposition"));
        assertTrue(filtered.asString().contains("IN_CUSTODY,In custody,34\r\n"));
        assertTrue(filtered.asString().contains("REPORTED,Reported,0\r\n"));

        browser.request().get("/statistics.csv?chart=byYearTaken").then().statusCode(404);
        browser.request().get("/statistics.csv?chart=nothing").then().statusCode(404);
        browser.request().get("/statistics.csv").then().statusCode(404);
    }

    @Test
    void inKoreanLabelsAndNumbersFollowTheLocale() {
        Browser browser = Browser.signedIn("caseworker-1", "caseworker");
        browser.request().cookie("homeward_lang", "ko").get("/statistics").then().statusCode(200)
                .body(containsString("<html lang=\"ko\">"))
                .body(containsString("<h1>통계</h1>"))
                .body(containsString("<title id=\"chart-byState-title\">상태별 사례</title>"))
                .body(containsString("전체 사례 1,234건"))
                .body(containsString("<th scope=\"row\">보고됨</th>"))
                .body(containsString("<th scope=\"row\">20대</th>"))
                .body(containsString("2026. 11. 30."));
        String csv = browser.request().cookie("homeward_lang", "ko").get("/statistics.csv?chart=byState").asString();
        assertTrue(csv.startsWith("코드,상태,사례 수\r\nREPORTED,보고됨,1000\r\n"), csv);
    }

    @Test
    void byYearTakenIsDrawnWhenCaseServiceSendsIt() {
        Browser browser = Browser.signedIn("caseworker-1", "caseworker");
        browser.request().get("/statistics?category=WAR_ABDUCTEE").then().statusCode(200)
                .body(containsString("<svg id=\"chart-byYearTaken\""))
                .body(containsString("id=\"table-byYearTaken\""))
                .body(not(containsString("id=\"by-year-taken-unavailable\"")));
        assertEquals(String.join("\r\n", "Code,Year taken,Cases", "1950,1950,1", "1951,1951,2") + "\r\n",
                browser.request().get("/statistics.csv?chart=byYearTaken&category=WAR_ABDUCTEE").asString());
    }

    @Test
    void statisticsAreForCaseworkers() {
        Browser browser = Browser.signedIn("caseworker-1", "advocate");
        int before = FakeStatistics.REQUESTS.size();
        browser.request().get("/statistics").then().statusCode(200)
                .body(containsString("id=\"statistics-not-caseworker\""))
                .body(not(containsString("id=\"chart-byState\"")));
        browser.request().get("/statistics.csv?chart=byState").then().statusCode(403);
        assertTrue(FakeStatistics.REQUESTS.subList(before, FakeStatistics.REQUESTS.size()).stream()
                .noneMatch(r -> r.startsWith("GET /api/v1/statistics")));
        given().redirects().follow(false).get("/statistics").then().statusCode(303)
                .header("Location", endsWith("/sign-in"));
        given().redirects().follow(false).get("/statistics.csv?chart=byState").then().statusCode(303)
                .header("Location", endsWith("/sign-in"));
    }

    @Test
    void everyAnswerCarriesTheContentSecurityPolicy() {
        Browser caseworker = Browser.signedIn("caseworker-1", "caseworker");
        Browser advocate = Browser.signedIn("caseworker-1", "advocate");
        for (Response answer : List.of(caseworker.request().get("/statistics"),
                caseworker.request().get("/statistics?category=DEFECTOR"),
                caseworker.request().get("/statistics.csv?chart=byAgeGroup"),
                caseworker.request().get("/statistics.csv?chart=nothing"),
                advocate.request().get("/statistics"),
                advocate.request().get("/statistics.csv?chart=byState"),
                given().redirects().follow(false).get("/statistics"))) {
            assertEquals(Browser.CSP, answer.getHeader("Content-Security-Policy"));
            assertEquals("nosniff", answer.getHeader("X-Content-Type-Options"));
            assertEquals("no-store", answer.getHeader("Cache-Control"));
        }
    }

    /** The page as served, under target/pages/ for review (open it beside target/classes/META-INF/resources). */
    static void save(String name, String html) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "pages"));
            Files.writeString(dir.resolve(name), html);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
