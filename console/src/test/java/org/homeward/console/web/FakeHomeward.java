package org.homeward.console.web;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.homeward.console.support.StandInApis;

/**
 * Stands in for the three services in the console's tests: one loopback HTTP server answering the few API calls the
 * pages make with fixed bodies, recording what it was sent; and a fresh RSA key for the local sign-in.
 */
public class FakeHomeward extends StandInApis {

    public static final String CASE_ID = "6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c";
    public static final String EVENT_ID = "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d";
    public static final String NOTIFICATION_ID = "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    public static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    public static final List<String> BODIES = new CopyOnWriteArrayList<>();

    static final String CASE = """
            {"caseId": "%s", "category": "NORTH_KOREAN_POW", "state": "DECEASED",
             "person": {"hangulName": "리광철", "romanizedNames": ["Ri Gwang-cheol"], "birthYear": 2000, "sex": "MALE"},
             "hangulNameRomanized": {"revised": "Ri Gwangcheol", "mccuneReischauer": "Ri Kwangch'ŏl"},
             "placeTaken": "Kursk oblast, Russia", "dateTaken": "2025-01-09", "ownerOrganisation": "defector-org",
             "version": 3, "vitalStatus": "DISPUTED", "vitalStatusDate": "2024-05-05",
             "vitalClaims": [{"eventId": "%s", "type": "DEATH_REPORTED", "source": "KCNA", "reportedBy": "defector-org",
                              "date": "2018-03-01"}],
             "conflicts": [{"kind": "LIFE_AFTER_DEATH", "eventId": "%s", "reason": "seen alive after the reported death",
                            "detectedAt": "2024-05-06T00:00:00Z"}],
             "possibleDuplicates": 1, "openedAt": "2025-01-09T06:00:00Z", "updatedAt": "2025-01-10T06:00:00Z"}"""
            .formatted(CASE_ID, EVENT_ID, EVENT_ID);

    static final String TIMELINE = """
            {"items": [{"sequence": 1, "eventId": "%s", "type": "DEATH_REPORTED", "occurredAt": "2018-04-01T00:00:00Z",
              "receivedAt": "2025-01-09T06:00:00Z", "reportedBy": "defector-org", "status": "RETRACTED",
              "fromState": "REPORTED", "toState": "DECEASED", "alerts": [], "urgency": "HIGH",
              "retractedByOrganisation": "defector-org", "retractionReason": "confused with his brother",
              "source": "KCNA", "dateOfDeath": "2018-03-01"},
             {"sequence": 2, "eventId": "1a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d", "type": "RESETTLED",
              "occurredAt": "2019-04-01T00:00:00Z", "receivedAt": "2025-01-09T06:00:00Z", "reportedBy": "defector-org",
              "status": "REJECTED", "reason": "RESETTLED is not legal in state REPORTED", "fromState": "REPORTED",
              "toState": "REPORTED", "alerts": ["DATA_QUALITY"], "urgency": "NORMAL"}],
             "page": 0, "size": 100, "total": 2}""".formatted(EVENT_ID);

    static final String NOTIFICATION = """
            {"id": "%s", "sequence": 42, "caseId": "%s", "type": "PROOF_OF_LIFE", "category": "WAR_ABDUCTEE",
             "status": "APPLIED", "fromState": "DECEASED", "toState": "DECEASED", "urgency": "CRITICAL",
             "alerts": ["LIFE_AFTER_DEATH"], "createdAt": "2024-05-06T00:00:00Z"}""".formatted(NOTIFICATION_ID,
            CASE_ID);

    public FakeHomeward() {
        super("console-private.pem", REQUESTS, true);
        recordBodies(BODIES);
        get("/api/v1/cases", r -> Answer.json("{\"items\": [" + CASE + "], \"page\": 0, \"size\": 20,"
                + " \"total\": 1}"));
        get("/api/v1/cases/" + CASE_ID, r -> Answer.json(CASE));
        get("/api/v1/cases/" + CASE_ID + "/timeline", r -> Answer.json(TIMELINE));
        on(r -> r.method().equals("GET") && r.path().startsWith("/api/v1/cases/"),
                r -> Answer.problem(404, NOT_FOUND_IN_FULL));
        post("/api/v1/cases/" + CASE_ID + "/events", r -> r.body().contains("\"heldBy\":\"nobody\"")
                ? Answer.problem(422, """
                        {"type": "https://homeward.org/problems/validation", "title": "The request has invalid fields",
                         "status": 422, "detail": "1 field is not valid",
                         "errors": [{"pointer": "/heldBy", "detail": "must name who holds the person"}]}""")
                : Answer.json(202, "{\"caseId\": \"" + CASE_ID + "\", \"eventId\": \"" + EVENT_ID + "\"}"));
        get("/api/v1/notifications", r -> Answer.json("{\"items\": [" + NOTIFICATION + "], \"page\": 0,"
                + " \"size\": 20, \"total\": 1}"));
        post("/api/v1/notifications/" + NOTIFICATION_ID + "/ack", r -> Answer.json(NOTIFICATION));
        get("/api/v1/notifications/stream", r -> new Answer(200, "text/event-stream", ": connected\n\nid: 42\ndata: "
                + NOTIFICATION.replace("\n", " ") + "\n\n"));
    }
}
