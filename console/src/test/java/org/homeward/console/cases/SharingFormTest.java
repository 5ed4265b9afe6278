package org.homeward.console.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.homeward.console.api.Problem;
import org.junit.jupiter.api.Test;

/** The sharing forms' checks, body and intake's field errors; the case page's links. */
class SharingFormTest {

    @Test
    void theOrganisationIsCheckedAsTheContractDoes() {
        assertEquals(Map.of("organisation", "required"), SharingForm.check("share", " ", null, "owner"));
        assertEquals(Map.of("organisation", "organisation"), SharingForm.check("share", "-lead", null, "owner"));
        assertEquals(Map.of("organisation", "organisation"), SharingForm.check("share", "a b", null, "owner"));
        assertEquals(Map.of("organisation", "too_long"), SharingForm.check("share", "a".repeat(101), null, "owner"));
        assertEquals(Map.of("organisation", "owner"), SharingForm.check("unshare", "owner", null, "owner"));
        assertEquals(Map.of("reason", "too_long"), SharingForm.check("share", "red-cross:kr", "r".repeat(2001),
                "owner"));
        assertEquals(Map.of(), SharingForm.check("share", "red-cross:kr.1_a", "r".repeat(2000), "owner"));
    }

    @Test
    void theBodyIsTheEventOfTheContract() {
        Instant now = Instant.parse("2026-11-30T08:12:03.918Z");
        assertEquals(List.of("type", "occurredAt", "organisation", "reason"),
                List.copyOf(SharingForm.body("share", " partner ", " why ", now).keySet()));
        assertEquals(Map.of("type", "CASE_SHARED", "occurredAt", "2026-11-30T08:12:03Z", "organisation", "partner",
                "reason", "why"), SharingForm.body("share", " partner ", " why ", now));
        assertEquals(Map.of("type", "CASE_UNSHARED", "occurredAt", "2026-11-30T08:12:03Z", "organisation", "p"),
                SharingForm.body("unshare", "p", "  ", now));
    }

    @Test
    void intakesErrorsGoNextToTheirFieldsAndTheRestToTheForm() {
        Problem problem = new Problem("https://homeward.org/problems/forbidden", "Forbidden", 403, null, List.of(
                new Problem.FieldError("/organisation", "unknown"), new Problem.FieldError("/organisation", "again"),
                new Problem.FieldError("/type", "needs the admin role of the case's owner")));
        SharingForm form = SharingForm.refused("share", "x", "y", problem, "not shared");
        assertEquals(Map.of("organisation", "unknown; again"), form.errors());
        assertEquals(List.of("type: needs the admin role of the case's owner"), form.otherErrors());
        assertEquals("Forbidden", form.failure());
        assertEquals("not shared", SharingForm.refused("share", "x", "y", null, "not shared").failure());
    }

    @Test
    void theCasePagesLinksKeepTheOtherPartsPages() {
        CasePageQuery query = CasePageQuery.of("c", 2, "arrival", 1, 3);
        assertEquals("/cases/c?page=2&order=arrival&duplicatesPage=1&auditPage=3", query.path());
        assertEquals("/cases/c?page=3&order=arrival&duplicatesPage=1&auditPage=3#timeline-heading",
                query.timelineHref(3));
        assertEquals("/cases/c?duplicatesPage=1&auditPage=3#timeline-heading", query.orderHref(false));
        assertEquals("/cases/c?page=2&order=arrival&auditPage=3#duplicates-heading", query.duplicatesHref(0));
        assertEquals("/cases/c?page=2&order=arrival&duplicatesPage=1#audit-heading", query.auditHref(0));
        assertEquals("/cases/c", CasePageQuery.of("c", -1, "other", null, 999_999_999).path().replaceAll("\\?.*",
                ""));
        assertEquals(100_000, CasePageQuery.of("c", null, null, null, 999_999_999).auditPage());
        assertEquals(0, CasePageQuery.ofForm("c", "x", null).page());
        assertEquals("arrival", CasePageQuery.ofForm("c", "4", "arrival").order());
    }
}
