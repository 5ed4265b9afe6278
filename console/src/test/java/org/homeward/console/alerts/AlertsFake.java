package org.homeward.console.alerts;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.homeward.console.support.StandInApis;

/**
 * Stands in for notification-service in {@link AlertsPageTest}: a feed of two notifications, the advocate's own and
 * their organisation's critical alert, and acknowledging; records what it was asked. Also the key of the local
 * sign-in.
 */
public class AlertsFake extends StandInApis {

    public static final String OWN_ID = "1b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0";
    public static final String ORGANISATION_WIDE_ID = "2c3d4e5f-6071-4283-9405-b6c7d8e9f0a1";
    public static final String CASE_ID = "6f1c2a8e-3b7d-4c55-9a10-2d3e4f5a6b7c";
    /** Unacknowledged alerts, as notification-service would count them for the badge. */
    public static final int UNACKNOWLEDGED = 7;
    public static final List<String> REQUESTS = new CopyOnWriteArrayList<>();

    static final String ORGANISATION_WIDE = """
            {"id": "%s", "sequence": 43, "organisationWide": true, "caseId": "%s",
             "eventId": "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d", "type": "TRANSFERRED", "category": "NORTH_KOREAN_POW",
             "status": "APPLIED", "fromState": "INTENT_STATED", "toState": "TRANSFERRED", "urgency": "CRITICAL",
             "alerts": ["FORCED_REPATRIATION_RISK"], "createdAt": "2026-02-01T09:05:01Z"}"""
            .formatted(ORGANISATION_WIDE_ID, CASE_ID);
    static final String OWN = """
            {"id": "%s", "sequence": 42, "subscriptionId": "0b7e4a1c-5d2f-4e8a-9c3b-1a2b3c4d5e6f",
             "organisationWide": false, "caseId": "%s", "eventId": "8a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d",
             "type": "CAPTURED", "category": "WAR_ABDUCTEE", "status": "APPLIED", "fromState": "REPORTED",
             "toState": "IN_CUSTODY", "urgency": "HIGH", "alerts": [], "createdAt": "2026-02-01T09:00:01Z",
             "ackedAt": "2026-02-01T10:00:00Z"}""".formatted(OWN_ID, CASE_ID);

    public AlertsFake() {
        super("alerts-private.pem", REQUESTS, false);
        on(r -> r.method().equals("GET") && r.path().equals("/api/v1/notifications") && r.query() != null
                && r.query().contains("acked=false"), r -> Answer.json("{\"items\": [" + ORGANISATION_WIDE + "],"
                + " \"page\": 0, \"size\": 1, \"total\": " + UNACKNOWLEDGED + "}"));
        get("/api/v1/notifications", r -> Answer.json("{\"items\": [" + ORGANISATION_WIDE + ", " + OWN + "],"
                + " \"page\": 0, \"size\": 20, \"total\": 45}"));
        post("/api/v1/notifications/" + ORGANISATION_WIDE_ID + "/ack", r -> Answer.json(ORGANISATION_WIDE));
    }
}
