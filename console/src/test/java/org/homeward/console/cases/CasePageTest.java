package org.homeward.console.cases;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.homeward.console.i18n.Labels;
import org.junit.jupiter.api.Test;

/**
 * The rest of the case page against {@link CasePageStandIn}: possible duplicates, sharing and unsharing for the
 * owner's admins, the audit trail, the timeline's paging and order.
 */
@QuarkusTest
@TestProfile(CasePageStandIn.Profile.class)
class CasePageTest {

    static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";
    static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    static final String CASE = "/cases/" + CasePageStandIn.CASE_ID;
    static final ObjectMapper JSON = new ObjectMapper();

    /** A browser signed in for an organisation with roles: its CSRF cookie and field and its session cookie. */
    record Browser(String csrfCookie, String csrfField, String session) {
        RequestSpecification request() {
            return given().redirects().follow(false).cookie("homeward_csrf", csrfCookie)
                    .cookie("homeward_session", session);
        }

        RequestSpecification form() {
            return request().contentType(FORM).formParam("csrf-token", csrfField);
        }

        String page(String path) {
            Response answer = request().get(path);
            assertEquals(200, answer.statusCode(), path);
            return answer.asString();
        }
    }

    static Browser signedIn(String organisation, String... roles) {
        Response page = given().redirects().follow(false).get("/sign-in");
        Matcher m = CSRF_FIELD.matcher(page.asString());
        assertTrue(m.find());
        String csrf = page.getCookie("homeward_csrf");
        Response answer = given().redirects().follow(false).cookie("homeward_csrf", csrf).contentType(FORM)
                .formParam("csrf-token", m.group(1)).formParam("organisation", organisation)
                .formParam("name", "person-1").formParam("roles", (Object[]) roles).post("/sign-in");
        assertEquals(303, answer.statusCode());
        String session = answer.getCookie("homeward_session");
        assertNotNull(session);
        return new Browser(csrf, m.group(1), session);
    }

    static Browser ownersAdmin() {
        return signedIn(CasePageStandIn.OWNER, "caseworker", "admin");
    }

    /** The ids of the elements in the page that start with {@code prefix}, in their order. */
    static List<String> ids(String html, String prefix) {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("id=\"(" + Pattern.quote(prefix) + "[^\"]*)\"").matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** The element with this id, from its start tag to the end of its first closing tag of the same name. */
    static String element(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertTrue(start >= 0, "no #" + id);
        int open = html.lastIndexOf('<', start);
        String tag = html.substring(open + 1).split("[\\s>]", 2)[0];
        if (tag.equals("input")) {
            return html.substring(open, html.indexOf('>', start) + 1);
        }
        int end = html.indexOf("</" + tag + ">", start);
        return html.substring(open, end + tag.length() + 3);
    }

    static long count(String prefix) {
        return CasePageStandIn.REQUESTS.stream().filter(r -> r.startsWith(prefix)).count();
    }

    static JsonNode lastEvent() throws Exception {
        return JSON.readTree(CasePageStandIn.EVENTS.get(CasePageStandIn.EVENTS.size() - 1));
    }

    static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void thePossibleDuplicatesAreListedEachLinkingToItsCase() {
        String html = signedIn("defector-org", "caseworker").page(CASE);
        assertTrue(CasePageStandIn.REQUESTS.contains("GET /api/v1/cases/" + CasePageStandIn.CASE_ID
                + "/possible-duplicates?page=0&size=20"), CasePageStandIn.REQUESTS.toString());
        assertEquals(List.of("duplicate-" + CasePageStandIn.DUPLICATE_1, "duplicate-" + CasePageStandIn.DUPLICATE_2),
                ids(html, "duplicate-"));
        String table = element(html, "duplicates");
        assertTrue(table.contains("<th scope=\"col\">Name</th>"), table);
        String first = element(html, "duplicate-" + CasePageStandIn.DUPLICATE_1);
        assertTrue(first.contains("href=\"/cases/" + CasePageStandIn.DUPLICATE_1 + "\""), first);
        assertTrue(first.contains("Kim Kwang-won") && first.contains("1990") && first.contains("partner-ngo"), first);
        assertFalse(first.contains("lang=\"ko\""), "a romanised name is not marked as Korean");
        String second = element(html, "duplicate-" + CasePageStandIn.DUPLICATE_2);
        assertTrue(second.contains("href=\"/cases/" + CasePageStandIn.DUPLICATE_2 + "\" lang=\"ko\">김광원</a>")
                && second.contains("Transferred"), second);
        // The case counts three; one of them is in a case this organisation may not see.
        assertTrue(html.contains("id=\"duplicates-hidden\" class=\"hint\" data-count=\"1\""), html);
        assertTrue(html.contains("<a href=\"#duplicates-heading\">3</a>"));
        assertFalse(html.contains("id=\"duplicates-unavailable\""));
    }

    @Test
    void possibleDuplicatesThatCannotBeReadDoNotFailThePage() {
        String html = signedIn("defector-org", "caseworker").page("/cases/" + CasePageStandIn.FAILING_CASE_ID);
        assertTrue(html.contains("id=\"duplicates-unavailable\""));
        assertFalse(html.contains("id=\"duplicates\""));
        assertTrue(html.contains("id=\"timeline\""), "the rest of the page is shown");
    }

    @Test
    void aCaseItsOwnerErasedIsAGonePageThatSaysSo() {
        String html = signedIn("defector-org", "caseworker").request().get("/cases/" + CasePageStandIn.ERASED_CASE_ID)
                .then().statusCode(410).extract().asString();
        assertTrue(html.contains("erased by the organisation that owns it"), "the page says why nothing is shown");
    }

    @Test
    void aServiceWhoseDatabaseDoesNotAnswerIsAnUnavailablePageWithRetryAfter() {
        signedIn("defector-org", "caseworker").request().get("/cases/" + CasePageStandIn.UNAVAILABLE_CASE_ID).then()
                .statusCode(503).header("Retry-After", "5")
                .body(org.hamcrest.Matchers.containsString("<title>"));
    }

    @Test
    void onlyTheOwnersAdminSeesTheSharingFormsWithTheirCsrfToken() {
        Browser admin = ownersAdmin();
        String html = admin.page(CASE);
        for (String kind : List.of("share", "unshare")) {
            String form = element(html, kind + "-form");
            assertTrue(form.contains("method=\"post\" action=\"" + CASE + "/" + kind + "\""), form);
            assertTrue(form.contains("name=\"csrf-token\" value=\"" + admin.csrfField() + "\""), form);
            assertTrue(form.contains("<label for=\"" + kind + "-organisation\">"), form);
            assertTrue(form.contains("id=\"" + kind + "-organisation\" name=\"organisation\""), form);
            assertTrue(form.contains("<label for=\"" + kind + "-reason\">"), form);
            assertTrue(form.contains("id=\"" + kind + "-submit\""), form);
        }
        assertFalse(html.contains("id=\"sharing-list-unavailable\""), "the list could be read");
        String report = element(html, "report-form");
        assertTrue(report.contains("id=\"field-timeZone\" name=\"timeZone\""), "occurredAt in the person's zone");
        assertTrue(report.contains("data-browser-zone"), report);

        for (Browser other : List.of(signedIn("defector-org", "caseworker", "reporter"),
                signedIn("partner-ngo", "caseworker", "admin"))) {
            String page = other.page(CASE);
            assertFalse(page.contains("share-form"), "no sharing forms for others");
            assertFalse(page.contains("id=\"sharing-heading\""));
            assertTrue(page.contains("id=\"report-form\""));
        }
    }

    @Test
    void theOwnersAdminSeesWhoTheCaseIsSharedWithEachShareWithItsUnshareButton() throws Exception {
        Browser admin = ownersAdmin();
        String html = admin.page(CASE);
        assertTrue(CasePageStandIn.REQUESTS.contains("GET /api/v1/cases/" + CasePageStandIn.CASE_ID + "/access"));
        String list = element(html, "sharing-list");
        assertTrue(list.contains("data-count=\"1\""), list);
        assertTrue(list.contains("<caption>"), list);
        assertEquals(List.of("shared-with-" + CasePageStandIn.OWNER, "shared-with-red-cross"),
                ids(html, "shared-with-"), "the owner first, then the share");

        String owner = element(html, "shared-with-" + CasePageStandIn.OWNER);
        assertTrue(owner.contains("data-owner=\"true\"") && owner.contains("Owner"), owner);
        assertFalse(owner.contains("<form"), "the owner's access cannot be revoked: no button");
        String share = element(html, "shared-with-red-cross");
        assertTrue(share.contains("<th scope=\"row\">red-cross</th>"), share);
        assertTrue(share.contains("data-event-id=\"" + CasePageStandIn.SHARE_EVENT + "\""), share);
        assertTrue(share.contains("href=\"#entry-" + CasePageStandIn.SHARE_EVENT + "\""), "links to the event");
        assertTrue(share.contains(">Case shared</a>"), "the event type, labelled: " + share);
        assertEquals(2, share.split("Mar 2, 2026", -1).length - 1, "when it was granted and when the share happened: " + share);
        String button = html.substring(html.indexOf("id=\"unshare-row-red-cross\""));
        button = button.substring(0, button.indexOf("</form>"));
        assertTrue(button.contains("name=\"csrf-token\" value=\"" + admin.csrfField() + "\""), button);
        assertTrue(button.contains("name=\"organisation\" value=\"red-cross\""), button);
        assertTrue(button.contains("id=\"unshare-red-cross\""), button);
        assertTrue(button.contains("aria-label=\"Revoke the share with red-cross\""), button);
        assertTrue(html.contains("action=\"" + CASE + "/unshare\" class=\"inline\" id=\"unshare-row-red-cross\""));

        // The row's button sends the organisation alone: a CASE_UNSHARED without a reason.
        Response unshared = admin.form().formParam("organisation", "red-cross").post(CASE + "/unshare");
        assertEquals(303, unshared.statusCode());
        JsonNode unshare = lastEvent();
        assertEquals(Set.of("type", "occurredAt", "organisation"), fields(unshare));
        assertEquals("CASE_UNSHARED", unshare.get("type").asText());
        assertEquals("red-cross", unshare.get("organisation").asText());

        String korean = admin.request().cookie("homeward_lang", "ko").get(CASE).asString();
        assertTrue(korean.contains("이 사례를 볼 수 있는 기관"), "the list in Korean");
        assertTrue(korean.contains("aria-label=\"red-cross 공유 해제\""), "the button's label in Korean");
    }

    @Test
    void theSharingListIsReadForTheOwnersAdminOnlyAndAFailureLeavesThePage() {
        long before = count("GET /api/v1/cases/" + CasePageStandIn.CASE_ID + "/access");
        for (Browser other : List.of(signedIn("defector-org", "caseworker", "reporter"),
                signedIn("partner-ngo", "caseworker", "admin"))) {
            String page = other.page(CASE);
            assertFalse(page.contains("id=\"sharing-list\""));
            assertFalse(page.contains("unshare-row-"));
        }
        assertEquals(before, count("GET /api/v1/cases/" + CasePageStandIn.CASE_ID + "/access"),
                "not even asked for others");

        String failing = ownersAdmin().page("/cases/" + CasePageStandIn.FAILING_CASE_ID);
        assertTrue(failing.contains("id=\"sharing-list-unavailable\""), "the page says the list cannot be shown");
        assertFalse(failing.contains("id=\"sharing-list\""));
        assertTrue(failing.contains("id=\"share-form\"") && failing.contains("id=\"timeline\""),
                "the rest of the page is shown");
    }

    @Test
    void sharingAndUnsharingPostTheRightEventsToIntake() throws Exception {
        Browser admin = ownersAdmin();
        Response shared = admin.form().formParam("organisation", " partner-ngo ")
                .formParam("reason", "referred for resettlement support").post(CASE + "/share");
        assertEquals(303, shared.statusCode());
        assertTrue(shared.getHeader("Location").endsWith(CASE + "?notice=shared"), shared.getHeader("Location"));
        assertTrue(CasePageStandIn.REQUESTS.contains("POST /api/v1/cases/" + CasePageStandIn.CASE_ID + "/events"));
        JsonNode share = lastEvent();
        assertEquals(Set.of("type", "occurredAt", "organisation", "reason"), fields(share));
        assertEquals("CASE_SHARED", share.get("type").asText());
        assertEquals("partner-ngo", share.get("organisation").asText());
        assertEquals("referred for resettlement support", share.get("reason").asText());
        Instant at = Instant.parse(share.get("occurredAt").asText());
        assertTrue(Duration.between(at, Instant.now()).abs().toSeconds() < 60, "occurredAt is now: " + at);
        assertTrue(share.get("occurredAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
        assertTrue(admin.page(CASE + "?notice=shared").contains("id=\"notice\" role=\"status\">Shared."));

        Response unshared = admin.form().formParam("organisation", "partner-ngo").formParam("reason", "")
                .post(CASE + "/unshare");
        assertEquals(303, unshared.statusCode());
        assertTrue(unshared.getHeader("Location").endsWith(CASE + "?notice=unshared"));
        JsonNode unshare = lastEvent();
        assertEquals(Set.of("type", "occurredAt", "organisation"), fields(unshare), "an empty reason is left out");
        assertEquals("CASE_UNSHARED", unshare.get("type").asText());
        assertEquals("partner-ngo", unshare.get("organisation").asText());
    }

    @Test
    void othersCannotShareOrUnshareAndIntakeIsNotCalled() {
        int before = CasePageStandIn.EVENTS.size();
        for (Browser other : List.of(signedIn("defector-org", "caseworker", "reporter"),
                signedIn("partner-ngo", "caseworker", "admin"))) {
            for (String kind : List.of("share", "unshare")) {
                other.form().formParam("organisation", "third-org").post(CASE + "/" + kind).then().statusCode(403);
            }
        }
        assertEquals(before, CasePageStandIn.EVENTS.size());
        ownersAdmin().request().contentType(FORM).formParam("organisation", "third-org").post(CASE + "/share")
                .then().statusCode(400);
        assertEquals(before, CasePageStandIn.EVENTS.size(), "no CSRF token, nothing sent");
    }

    @Test
    void theConsolesOwnChecksShowEachErrorNextToItsFieldWithoutSending() {
        Browser admin = ownersAdmin();
        int before = CasePageStandIn.EVENTS.size();

        String empty = admin.form().formParam("organisation", "").post(CASE + "/share").then().statusCode(422)
                .extract().asString();
        assertTrue(empty.contains("id=\"share-error-organisation\">is required</p>"), empty);
        assertTrue(element(empty, "share-organisation").contains("aria-invalid=\"true\""));
        assertTrue(element(empty, "share-organisation").contains("share-error-organisation"),
                "the field is described by its error");
        assertTrue(empty.contains("id=\"share-error\" role=\"alert\""));
        assertFalse(empty.contains("id=\"unshare-error"), "the other form shows no error");

        String bad = admin.form().formParam("organisation", "bad org!").formParam("reason", "x".repeat(2001))
                .post(CASE + "/share").then().statusCode(422).extract().asString();
        assertTrue(bad.contains("id=\"share-error-organisation\">must be an organisation id"), bad);
        assertTrue(bad.contains("id=\"share-error-reason\">must be at most 2,000 characters</p>"), bad);
        assertTrue(element(bad, "share-organisation").contains("value=\"bad org!\""), "the value is kept");

        String owner = admin.form().formParam("organisation", CasePageStandIn.OWNER).post(CASE + "/unshare")
                .then().statusCode(422).extract().asString();
        assertTrue(owner.contains("id=\"unshare-error-organisation\">the owning organisation&#39;s access"), owner);
        assertEquals(before, CasePageStandIn.EVENTS.size(), "nothing was sent");

        String korean = admin.form().cookie("homeward_lang", "ko").formParam("organisation", "")
                .post(CASE + "/share").then().statusCode(422).extract().asString();
        assertTrue(korean.contains("id=\"share-error-organisation\">필수 항목입니다</p>"), korean);
    }

    @Test
    void intakesFieldErrorsAreShownNextToTheirFields() {
        String html = ownersAdmin().form().formParam("organisation", "refuse-me").formParam("reason", "done")
                .post(CASE + "/unshare").then().statusCode(422).extract().asString();
        assertTrue(html.contains("id=\"unshare-error-organisation\">has no access to this case to revoke</p>"), html);
        String error = element(html, "unshare-error");
        assertTrue(error.contains("The request has invalid fields: 2 fields are not valid"), error);
        assertTrue(error.contains("occurredAt: must not be in the future"), error);
        assertTrue(element(html, "unshare-organisation").contains("value=\"refuse-me\""));
        assertTrue(html.contains(">done</textarea>"), "the reason is kept");
    }

    @Test
    void theAuditTrailIsShownToTheOwnersAdminsOnlyAndPaged() {
        long before = count("GET /api/v1/audit");
        for (Browser other : List.of(signedIn("defector-org", "caseworker", "reporter"),
                signedIn("partner-ngo", "caseworker", "admin"))) {
            String page = other.page(CASE);
            assertFalse(page.contains("id=\"audit"), "no audit trail for others");
        }
        assertEquals(before, count("GET /api/v1/audit"), "the audit trail is not even read for others");

        Browser admin = ownersAdmin();
        String html = admin.page(CASE);
        assertTrue(CasePageStandIn.REQUESTS.contains("GET /api/v1/audit?caseId=" + CasePageStandIn.CASE_ID
                + "&page=0&size=20"));
        String table = element(html, "audit");
        for (String column : List.of("Reader", "Organisation", "When", "Endpoint")) {
            assertTrue(table.contains("<th scope=\"col\">" + column + "</th>"), column);
        }
        assertEquals(20, ids(html, "audit-1").size() + ids(html, "audit-2").size());
        String row = element(html, "audit-2000");
        assertTrue(row.contains("reader-2000") && row.contains("partner-ngo")
                && row.contains(Labels.of("en", null).instant(Instant.parse("2026-11-30T08:12:03.118Z")))
                && row.contains("GET /api/v1/cases/{caseId}/timeline"), row);
        assertTrue(html.contains("id=\"audit-total\" data-total=\"45\""));
        assertTrue(html.contains("id=\"audit-next\" href=\"" + CASE + "?auditPage=1#audit-heading\""), html);
        assertFalse(html.contains("id=\"audit-previous\""));

        String last = admin.page(CASE + "?auditPage=2&page=1");
        assertTrue(CasePageStandIn.REQUESTS.contains("GET /api/v1/audit?caseId=" + CasePageStandIn.CASE_ID
                + "&page=2&size=20"));
        assertEquals(5, ids(last, "audit-19").size());
        assertTrue(last.contains("id=\"audit-previous\" href=\"" + CASE + "?page=1&amp;auditPage=1#audit-heading\""),
                "the timeline's page is kept");
        assertFalse(last.contains("id=\"audit-next\""));
    }

    @Test
    void theTimelineIsPagedInTheOrderThingsHappenedByDefault() {
        Browser browser = signedIn("defector-org", "caseworker", "reporter");
        String first = browser.page(CASE);
        assertTrue(CasePageStandIn.REQUESTS.contains("GET /api/v1/cases/" + CasePageStandIn.CASE_ID
                + "/timeline?page=0&size=100"), "no order: the API's default, the order things happened");
        List<String> rows = ids(first, "entry-");
        assertEquals(100, rows.size());
        assertTrue(first.contains("data-order=\"occurred\""));
        assertTrue(element(first, "timeline-order-occurred").contains("aria-current=\"true\""));
        assertFalse(element(first, "timeline-order-arrival").contains("aria-current"));
        assertTrue(first.contains("<th scope=\"col\">Arrival no.</th>"));
        assertTrue(element(first, rows.get(0)).contains("data-sequence=\"1249\"")
                && element(first, rows.get(0)).contains("<td class=\"sequence\">1249</td>"),
                "each entry shows its arrival sequence");
        assertTrue(first.contains("id=\"timeline-page\" data-page=\"0\" data-total=\"250\">Page 1 of 3; 250 entries"));
        assertTrue(first.contains("id=\"timeline-next\" href=\"" + CASE + "?page=1#timeline-heading\""));
        assertFalse(first.contains("id=\"timeline-previous\""));
        assertTrue(first.contains("id=\"timeline-order-arrival\" href=\"" + CASE + "?order=arrival#timeline-heading\""));

        String last = browser.page(CASE + "?page=2");
        assertEquals(50, ids(last, "entry-").size());
        assertTrue(last.contains("id=\"timeline-previous\" href=\"" + CASE + "?page=1#timeline-heading\""));
        assertFalse(last.contains("id=\"timeline-next\""));
        assertTrue(last.contains("<input type=\"hidden\" name=\"page\" value=\"2\">"),
                "the report form keeps the timeline's page");

        String beyond = browser.page(CASE + "?page=7");
        assertTrue(beyond.contains("id=\"timeline-page-empty\"") && beyond.contains("id=\"timeline-previous\""));
    }

    @Test
    void theTimelineCanBeShownInArrivalOrderAndPagedSo() {
        Browser browser = signedIn("defector-org", "caseworker");
        String html = browser.page(CASE + "?order=arrival&page=1");
        assertTrue(CasePageStandIn.REQUESTS.contains("GET /api/v1/cases/" + CasePageStandIn.CASE_ID
                + "/timeline?order=arrival&page=1&size=100"));
        assertTrue(html.contains("data-order=\"arrival\""));
        assertTrue(element(html, "timeline-order-arrival").contains("aria-current=\"true\""));
        assertTrue(element(html, "timeline-order-occurred").contains("href=\"" + CASE + "#timeline-heading\""),
                "switching the order goes back to the first page");
        List<Long> sequences = new ArrayList<>();
        Matcher m = Pattern.compile("data-sequence=\"(\\d+)\"").matcher(html);
        while (m.find()) {
            sequences.add(Long.parseLong(m.group(1)));
        }
        assertEquals(100, sequences.size());
        assertEquals(1100L, sequences.get(0));
        assertEquals(1199L, sequences.get(99));
        assertTrue(html.contains("id=\"timeline-previous\" href=\"" + CASE + "?order=arrival#timeline-heading\""));
        assertTrue(html.contains("id=\"timeline-next\" href=\"" + CASE + "?page=2&amp;order=arrival#timeline-heading\""));
        assertTrue(html.contains("name=\"back\" value=\"" + CASE + "?page=1&amp;order=arrival\""),
                "the language switch returns to the same page");
        assertTrue(html.contains("<input type=\"hidden\" name=\"order\" value=\"arrival\">"));

        String korean = browser.request().cookie("homeward_lang", "ko").get(CASE + "?order=arrival").asString();
        assertTrue(korean.contains(">도착 순서</a>") && korean.contains("동일인일 수 있는 사례")
                && korean.contains("전체 250건, 3쪽 중 1쪽."), korean);
    }

    @Test
    void anUnknownOrderOrABadPageIsTheDefault() {
        Browser browser = signedIn("defector-org", "caseworker");
        browser.page(CASE + "?order=sideways&page=-4");
        assertEquals("GET /api/v1/cases/" + CasePageStandIn.CASE_ID + "/timeline?page=0&size=100",
                CasePageStandIn.REQUESTS.stream().filter(r -> r.contains("/timeline")).reduce((a, b) -> b)
                        .orElseThrow());
        browser.request().get(CASE + "?page=x").then().statusCode(404);
    }
}
