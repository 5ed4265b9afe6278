package org.homeward.console.alerts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.homeward.console.support.StandInApis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The alert page against {@link AlertsFake} (its own stand-in of notification-service, in place of the console's
 * other tests' fake): organisation-wide critical alerts marked as such, the filters by urgency, category and case sent
 * to the feed, the badge's count, acknowledging an organisation-wide alert, Korean.
 */
@QuarkusTest
@TestProfile(AlertsPageTest.OwnFake.class)
class AlertsPageTest {

    /** Runs the console against {@link AlertsFake} only. */
    public static class OwnFake extends StandInApis.Only {
        public OwnFake() {
            super(AlertsFake.class);
        }
    }

    static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    private String csrfCookie;
    private String csrfField;
    private String session;

    @BeforeEach
    void signIn() {
        Response page = given().redirects().follow(false).get("/sign-in");
        page.then().statusCode(200);
        Matcher m = CSRF_FIELD.matcher(page.asString());
        assertTrue(m.find());
        csrfField = m.group(1);
        csrfCookie = page.getCookie("homeward_csrf");
        Response answer = form().formParam("organisation", "defector-org").formParam("name", "advocate-1")
                .formParam("roles", "advocate").post("/sign-in");
        answer.then().statusCode(303);
        session = answer.getCookie("homeward_session");
        assertNotNull(session);
        AlertsFake.REQUESTS.clear();
    }

    private RequestSpecification request() {
        RequestSpecification spec = given().redirects().follow(false).cookie("homeward_csrf", csrfCookie);
        return session == null ? spec : spec.cookie("homeward_session", session);
    }

    private RequestSpecification form() {
        return request().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("csrf-token", csrfField);
    }

    @Test
    void organisationWideCriticalAlertsAreMarkedAndCountedInTheBadge() {
        String page = request().get("/alerts").then().statusCode(200).extract().asString();
        assertTrue(page.contains("id=\"alert-" + AlertsFake.ORGANISATION_WIDE_ID + "\""), page);
        assertTrue(Pattern.compile("id=\"alert-" + AlertsFake.ORGANISATION_WIDE_ID + "\"[^>]*class=\"[^\"]*critical|"
                + "id=\"alert-" + AlertsFake.ORGANISATION_WIDE_ID + "\" class=\"[^\"]*critical").matcher(page).find());
        assertTrue(page.contains("data-organisation-wide=\"true\""));
        assertTrue(page.contains("id=\"organisation-wide-" + AlertsFake.ORGANISATION_WIDE_ID + "\""));
        assertTrue(page.contains(">Organisation-wide<"));
        assertFalse(page.contains("id=\"organisation-wide-" + AlertsFake.OWN_ID + "\""), "the own one is not marked");
        assertTrue(page.contains("Your subscription"));
        assertTrue(page.contains("id=\"organisation-wide-explained\""));
        // the badge and the page count the unacknowledged ones, organisation-wide alerts included
        assertTrue(page.contains("id=\"alert-count\" data-count=\"" + AlertsFake.UNACKNOWLEDGED + "\""), page);
        assertTrue(page.contains("id=\"alert-unacked\" data-count=\"" + AlertsFake.UNACKNOWLEDGED + "\""));
        assertTrue(AlertsFake.REQUESTS.contains("GET /api/v1/notifications?acked=false&size=1"),
                AlertsFake.REQUESTS::toString);
        // the category filter offers the categories, labelled
        assertTrue(page.contains("<select id=\"category\" name=\"category\">"));
        assertTrue(page.contains("<option value=\"WAR_ABDUCTEE\">"));
        assertTrue(page.contains("id=\"ack-" + AlertsFake.ORGANISATION_WIDE_ID + "\""));
        assertFalse(page.contains("id=\"ack-" + AlertsFake.OWN_ID + "\""), "acknowledged already");
    }

    @Test
    void theFiltersGoToTheFeedAndStayInThePagingLinks() {
        String page = request().queryParam("minUrgency", "HIGH").queryParam("category", "WAR_ABDUCTEE")
                .queryParam("caseId", AlertsFake.CASE_ID).get("/alerts").then().statusCode(200).extract().asString();
        assertTrue(AlertsFake.REQUESTS.contains("GET /api/v1/notifications?minUrgency=HIGH&category=WAR_ABDUCTEE"
                + "&caseId=" + AlertsFake.CASE_ID + "&page=0&size=20"), AlertsFake.REQUESTS::toString);
        assertTrue(page.contains("<option value=\"WAR_ABDUCTEE\" selected>"));
        assertTrue(page.contains("<option value=\"HIGH\" selected>"));
        assertTrue(page.contains("value=\"" + AlertsFake.CASE_ID + "\""));
        assertTrue(page.contains("href=\"/alerts?page=1&amp;minUrgency=HIGH&amp;category=WAR_ABDUCTEE&amp;caseId="
                + AlertsFake.CASE_ID + "\""), "the next page keeps the filters");
        assertTrue(page.contains("id=\"alert-filter-clear\""));
    }

    @Test
    void unknownFiltersAreLeftOutAndABadCaseIdIsSaidNextToItsField() {
        AlertsFake.REQUESTS.clear();
        String page = request().queryParam("category", "PIRATES").queryParam("minUrgency", "URGENT")
                .queryParam("caseId", "not-a-case").get("/alerts").then().statusCode(200).extract().asString();
        assertTrue(AlertsFake.REQUESTS.contains("GET /api/v1/notifications?page=0&size=20"),
                AlertsFake.REQUESTS::toString);
        assertTrue(page.contains("aria-invalid=\"true\" aria-describedby=\"error-caseId\""));
        assertTrue(page.contains("id=\"error-caseId\""));
        assertFalse(page.contains(" selected>"), "nothing unknown is selected");
    }

    @Test
    void acknowledgingAnOrganisationWideAlert() {
        form().post("/alerts/" + AlertsFake.ORGANISATION_WIDE_ID + "/ack").then().statusCode(303)
                .header("Location", endsWith("/alerts?notice=acknowledged"));
        assertTrue(AlertsFake.REQUESTS.contains("POST /api/v1/notifications/" + AlertsFake.ORGANISATION_WIDE_ID
                + "/ack"), AlertsFake.REQUESTS::toString);
    }

    @Test
    void inKorean() {
        request().header("Accept-Language", "ko-KR,ko;q=0.9").get("/alerts").then().statusCode(200)
                .body(containsString(">기관 전체<"))
                .body(containsString("내 구독"))
                .body(containsString("<label for=\"category\">범주</label>"))
                .body(not(containsString("Organisation-wide")));
    }
}
