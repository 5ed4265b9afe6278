package org.homeward.console.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.homeward.console.support.StandInApis;

/**
 * Stands in for case-service and intake in the case page's tests: a loopback HTTP server answering the case, its
 * timeline (250 entries, paged and ordered as asked), its possible duplicates, its audit trail and intake's events
 * endpoint, recording every request and body; and a fresh RSA key for the local sign-in. Used through
 * {@link Profile}, which turns off the console's global stand-in ({@code web.FakeHomeward}) for these tests.
 */
public class CasePageStandIn extends StandInApis {

    /** Owned by defector-org; three possible duplicates, two of them visible. */
    public static final String CASE_ID = "0b7ad0f4-52d5-4bd6-9a37-43a2a6a1b0f1";
    /** A case whose possible duplicates cannot be read (the service answers 503). */
    public static final String FAILING_CASE_ID = "1c8be105-63e6-4ce7-8b48-54b3b7b2c102";
    /** A case the service cannot read right now (its database does not answer: 503 with Retry-After). */
    public static final String UNAVAILABLE_CASE_ID = "2d9cf216-74df-4df8-9c59-65c4c8c3d213";
    /** A case its owner erased: the case service answers 410. */
    public static final String ERASED_CASE_ID = "3e0d0327-85e0-4e0a-8d6a-76d5d9d4e324";
    public static final String DUPLICATE_1 = "8c3a3ad4-2f4e-4f59-9b59-3fcd3a8f4c1e";
    public static final String DUPLICATE_2 = "9d4b4be5-3f5f-4a6a-8c6a-4ade4b9a5d2f";
    public static final String OWNER = "defector-org";
    public static final int TIMELINE_TOTAL = 250;
    public static final int AUDIT_TOTAL = 45;

    public static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    /** Bodies of POSTs to intake's events endpoint, in order. */
    public static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    /** The console's tests of the case page run against this stand-in only. */
    public static class Profile extends StandInApis.Only {
        public Profile() {
            super(CasePageStandIn.class);
        }
    }

    static String kase(String caseId, long possibleDuplicates) {
        return """
                {"caseId": "%s", "category": "DEFECTOR", "state": "IN_CUSTODY",
                 "person": {"hangulName": "김광원", "romanizedNames": ["Kim Kwang-won"], "birthYear": 1990},
                 "hangulNameRomanized": {"revised": "Gim Gwangwon", "mccuneReischauer": "Kim Kwangwŏn"},
                 "ownerOrganisation": "%s", "version": 250, "vitalStatus": "ALIVE", "vitalClaims": [],
                 "conflicts": [], "possibleDuplicates": %d,
                 "openedAt": "2025-01-09T06:00:00Z", "updatedAt": "2025-01-10T06:00:00Z"}"""
                .formatted(caseId, OWNER, possibleDuplicates);
    }

    /** The share's event, in the list of who sees the case. */
    public static final String SHARE_EVENT = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b";

    /** Who sees {@link #CASE_ID}: its owner and red-cross, as case-service's access list answers. */
    static final String ACCESS = """
            {"caseId": "%s", "ownerOrganisation": "%s", "organisations": [
              {"organisation": "%s", "owner": true, "grantedAt": "2025-01-09T06:00:01Z",
               "grantedBy": {"eventId": "00001249-0000-4000-8000-000000001249", "type": "CASE_OPENED",
                             "occurredAt": "2025-01-09T06:00:00Z"}},
              {"organisation": "red-cross", "owner": false, "grantedAt": "2026-03-02T00:00:05Z",
               "grantedBy": {"eventId": "%s", "type": "CASE_SHARED", "occurredAt": "2026-03-02T00:00:00Z"}}]}"""
            .formatted(CASE_ID, OWNER, OWNER, SHARE_EVENT);

    static final String DUPLICATES = """
            {"items": [
              {"caseId": "%s", "category": "SOUTH_KOREAN_POW", "state": "REPORTED",
               "person": {"romanizedNames": ["Kim Kwang-won"], "birthYear": 1990}, "ownerOrganisation": "partner-ngo",
               "version": 0, "conflicts": [], "possibleDuplicates": 1,
               "openedAt": "2025-02-01T00:00:00Z", "updatedAt": "2025-02-01T00:00:00Z"},
              {"caseId": "%s", "category": "DEFECTOR", "state": "TRANSFERRED",
               "person": {"hangulName": "김광원", "romanizedNames": [], "birthYear": 1991},
               "hangulNameRomanized": {"revised": "Gim Gwangwon", "mccuneReischauer": "Kim Kwangwŏn"},
               "ownerOrganisation": "defector-org", "version": 4, "conflicts": [], "possibleDuplicates": 1,
               "openedAt": "2025-03-01T00:00:00Z", "updatedAt": "2025-03-01T00:00:00Z"}],
             "page": 0, "size": 20, "total": 2}""".formatted(DUPLICATE_1, DUPLICATE_2);

    /** The entry at {@code index} (from 0) of the whole timeline in the order asked for. */
    static String entry(int index, boolean arrival) {
        // In the order things happened, the entries arrived in the reverse order: sequence counts down.
        long sequence = arrival ? 1000 + index : 1000 + (TIMELINE_TOTAL - 1 - index);
        String eventId = "%08d-0000-4000-8000-%012d".formatted(sequence, sequence);
        return """
                {"sequence": %d, "eventId": "%s", "type": "NOTE_ADDED", "occurredAt": "2025-01-09T06:00:00Z",
                 "receivedAt": "2025-01-10T06:00:00Z", "reportedBy": "defector-org", "status": "APPLIED",
                 "fromState": "IN_CUSTODY", "toState": "IN_CUSTODY", "alerts": [], "urgency": "NORMAL",
                 "text": "note %d"}""".formatted(sequence, eventId, sequence);
    }

    static String timeline(Map<String, String> params) {
        int page = Integer.parseInt(params.getOrDefault("page", "0"));
        int size = Integer.parseInt(params.getOrDefault("size", "20"));
        boolean arrival = "arrival".equals(params.get("order"));
        List<String> items = new ArrayList<>();
        for (int i = page * size; i < Math.min(TIMELINE_TOTAL, (page + 1) * size); i++) {
            items.add(entry(i, arrival));
        }
        return "{\"items\": [" + String.join(",", items) + "], \"page\": " + page + ", \"size\": " + size
                + ", \"total\": " + TIMELINE_TOTAL + "}";
    }

    static String audit(Map<String, String> params) {
        int page = Integer.parseInt(params.getOrDefault("page", "0"));
        int size = Integer.parseInt(params.getOrDefault("size", "20"));
        List<String> items = new ArrayList<>();
        for (int i = page * size; i < Math.min(AUDIT_TOTAL, (page + 1) * size); i++) {
            long id = 2000 - i;
            items.add("""
                    {"id": %d, "readAt": "2026-11-30T08:12:03.118Z", "subject": "reader-%d",
                     "organisation": "%s", "caseId": "%s", "endpoint": "GET /api/v1/cases/{caseId}/timeline"}"""
                    .formatted(id, id, i % 2 == 0 ? "partner-ngo" : OWNER, params.get("caseId")));
        }
        return "{\"items\": [" + String.join(",", items) + "], \"page\": " + page + ", \"size\": " + size
                + ", \"total\": " + AUDIT_TOTAL + "}";
    }

    public CasePageStandIn() {
        super("casepage-private.pem", REQUESTS, false);
        requireAuthorization("Bearer ey");
        otherwise(Answer.problem(404, NOT_FOUND_IN_FULL));
        String cases = "/api/v1/cases/";
        get(cases + CASE_ID, r -> Answer.json(kase(CASE_ID, 3)));
        get(cases + FAILING_CASE_ID, r -> Answer.json(kase(FAILING_CASE_ID, 1)));
        get(cases + ERASED_CASE_ID, r -> Answer.problem(410, "{\"type\": \"https://homeward.org/problems/case-erased\","
                + " \"title\": \"The case was erased\", \"status\": 410}"));
        get(cases + UNAVAILABLE_CASE_ID, r -> Answer.problem(503, "{\"type\":"
                + " \"https://homeward.org/problems/dependency-unavailable\", \"title\": \"A dependency does not"
                + " answer\", \"status\": 503}"));
        on(r -> r.method().equals("GET") && r.path().endsWith("/timeline"), r -> Answer.json(timeline(r.params())));
        get(cases + CASE_ID + "/possible-duplicates", r -> Answer.json(DUPLICATES));
        get(cases + FAILING_CASE_ID + "/possible-duplicates", r -> Answer.problem(503, "{\"type\":"
                + " \"https://homeward.org/problems/unavailable\", \"title\": \"Unavailable\", \"status\": 503}"));
        get("/api/v1/audit", r -> Answer.json(audit(r.params())));
        get(cases + CASE_ID + "/access", r -> Answer.json(ACCESS));
        get(cases + FAILING_CASE_ID + "/access", r -> Answer.problem(503, "{\"type\":"
                + " \"https://homeward.org/problems/unavailable\", \"title\": \"Unavailable\", \"status\": 503}"));
        noAlerts();
        post(cases + CASE_ID + "/events", r -> {
            EVENTS.add(r.body());
            return r.body().contains("\"organisation\":\"refuse-me\"") ? Answer.problem(422, """
                    {"type": "https://homeward.org/problems/validation", "title": "The request has invalid fields",
                     "status": 422, "detail": "2 fields are not valid",
                     "errors": [{"pointer": "/organisation", "detail": "has no access to this case to revoke"},
                                {"pointer": "/occurredAt", "detail": "must not be in the future"}]}""")
                    : Answer.json(202, "{\"caseId\": \"" + CASE_ID + "\"}");
        });
    }
}
