package org.homeward.console.subscriptions;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.homeward.console.support.StandInApis;

/**
 * Stands in for notification-service's subscriptions and deliveries in the subscriptions tests: a loopback server
 * answering with the real shapes (and its problems), recording every request and body. Ordered after the global
 * {@code FakeHomeward}, so that its addresses win for the test classes that use it.
 */
public class FakeNotifications extends StandInApis {

    public static final String WEBHOOK_ID = "0b7e4a1c-5d2f-4e8a-9c3b-1a2b3c4d5e6f";
    public static final String FEED_ID = "1c8f5b2d-6e3a-4f9b-8d4c-2b3c4d5e6f70";
    public static final String CREATED_ID = "2d9a6c3e-7f4b-4a0c-9e5d-3c4d5e6f7a81";
    public static final String DEAD_ID = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b";
    public static final String DELIVERED_ID = "6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c";
    public static final String CASE_ID = "6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c";
    public static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    public static final List<String> BODIES = new CopyOnWriteArrayList<>();

    static final String WEBHOOK = """
            {"id": "%s", "channel": "WEBHOOK", "target": "https://alerts.example.org/homeward", "caseIds": [],
             "categories": ["NORTH_KOREAN_POW"], "eventTypes": [], "minUrgency": "HIGH",
             "createdAt": "2026-02-01T09:00:00Z"}""".formatted(WEBHOOK_ID);
    static final String FEED = """
            {"id": "%s", "channel": "FEED", "caseIds": ["%s"], "categories": [],
             "eventTypes": ["DEFECTION_INTENT_STATED", "TRANSFERRED"], "minUrgency": "NORMAL",
             "createdAt": "2026-01-15T08:00:00Z"}""".formatted(FEED_ID, CASE_ID);
    static final String DEAD = """
            {"id": "%s", "notificationId": "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f", "subscriptionId": "%s",
             "channel": "WEBHOOK", "caseId": "%s", "status": "DEAD", "createdAt": "2026-02-01T09:05:01Z",
             "deadAt": "2026-02-02T09:05:01Z", "lastError": "HTTP 410",
             "attempts": [
               {"attempt": 1, "startedAt": "2026-02-01T09:05:01Z", "durationMs": 84, "outcome": "RETRY",
                "statusCode": 503, "error": "HTTP 503", "nextAttemptAt": "2026-02-01T09:05:06Z"},
               {"attempt": 2, "startedAt": "2026-02-01T09:05:06Z", "durationMs": 10002, "outcome": "DEAD",
                "statusCode": 410, "error": "HTTP 410"}]}""".formatted(DEAD_ID, WEBHOOK_ID, CASE_ID);
    public static final String RESENT_ID = "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d";
    /** Delivered by a second send: the first attempt's outcome was never recorded. */
    static final String RESENT = """
            {"id": "%s", "notificationId": "5e3f4a6b-7c8d-4e9f-a0b1-2c3d4e5f6a7b", "subscriptionId": "%s",
             "channel": "WEBHOOK", "caseId": "%s", "status": "DELIVERED", "createdAt": "2026-02-04T09:05:01Z",
             "deliveredAt": "2026-02-04T09:06:02Z",
             "attempts": [{"attempt": 1, "startedAt": "2026-02-04T09:05:01Z", "durationMs": 0,
                           "outcome": "UNKNOWN"},
                          {"attempt": 2, "startedAt": "2026-02-04T09:06:02Z", "durationMs": 35,
                           "outcome": "DELIVERED", "statusCode": 204}]}""".formatted(RESENT_ID, WEBHOOK_ID, CASE_ID);
    static final String DELIVERED = """
            {"id": "%s", "notificationId": "4d2e3f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a", "subscriptionId": "%s",
             "channel": "WEBHOOK", "caseId": "%s", "status": "DELIVERED", "createdAt": "2026-02-03T09:05:01Z",
             "deliveredAt": "2026-02-03T09:05:02Z",
             "attempts": [{"attempt": 1, "startedAt": "2026-02-03T09:05:01Z", "durationMs": 40,
                           "outcome": "DELIVERED", "statusCode": 204}]}""".formatted(DELIVERED_ID, WEBHOOK_ID,
            CASE_ID);

    public FakeNotifications() {
        super("subscriptions-private.pem", REQUESTS, true);
        recordBodies(BODIES);
        get("/api/v1/subscriptions", r -> Answer.json("{\"items\": [" + WEBHOOK + ", " + FEED
                + "], \"page\": 0, \"size\": 100, \"total\": 2}"));
        post("/api/v1/subscriptions", r -> {
            if (r.body().contains("http://")) {
                return Answer.problem(422, """
                        {"type": "https://homeward.org/problems/validation", "title": "The request has invalid fields",
                         "status": 422, "detail": "2 fields are not valid",
                         "errors": [{"pointer": "/caseIds/1", "detail": "must be a case id (UUID)"},
                                    {"pointer": "/target", "detail": "must be a public https URL"}]}""");
            } else if (r.body().contains("\"channel\":\"WEBHOOK\"")) {
                return Answer.json(201, """
                        {"id": "%s", "channel": "WEBHOOK", "target": "https://alerts.example.org/homeward",
                         "caseIds": [], "categories": [], "eventTypes": [], "minUrgency": "HIGH",
                         "createdAt": "2026-02-01T09:00:00Z", "secret": "%s"}""".formatted(CREATED_ID, SECRET));
            }
            return Answer.json(201, """
                    {"id": "%s", "channel": "FEED", "caseIds": [], "categories": [], "eventTypes": [],
                     "minUrgency": "NORMAL", "createdAt": "2026-02-01T09:00:00Z"}""".formatted(CREATED_ID));
        });
        on("DELETE", "/api/v1/subscriptions/" + WEBHOOK_ID, r -> Answer.noContent());
        get("/api/v1/deliveries", r -> {
            boolean dead = r.q().contains("status=DEAD");
            return Answer.json("{\"items\": [" + (dead ? DEAD : DEAD + ", " + RESENT + ", " + DELIVERED)
                    + "], \"page\": 0, \"size\": 20, \"total\": " + (dead ? 1 : 3) + "}");
        });
        post("/api/v1/deliveries/" + DEAD_ID + "/retry",
                r -> Answer.json(202, DEAD.replace("\"DEAD\"", "\"PENDING\"")));
        post("/api/v1/deliveries/" + DELIVERED_ID + "/retry", r -> Answer.problem(409, "{\"type\":"
                + " \"https://homeward.org/problems/conflict\", \"title\": \"Conflict\", \"status\": 409,"
                + " \"detail\": \"The delivery is not DEAD\"}"));
        noAlerts();
    }
}
