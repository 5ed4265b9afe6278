package org.homeward.console.cases;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.homeward.console.support.StandInApis;

/**
 * Stands in for intake's {@code POST /api/v1/cases} (and the alert count) in the tests of the page that opens a case:
 * answers 202 with a new case id, or intake's 422 for a person named "refuse-me", recording every request and body.
 */
public class OpenCaseStandIn extends StandInApis {

    public static final String CASE_ID = "7e2d3b9f-4c6e-4d66-8b21-3e4f5a6b7c8d";
    public static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    public static final List<String> BODIES = new CopyOnWriteArrayList<>();

    public static class Profile extends StandInApis.Only {
        public Profile() {
            super(OpenCaseStandIn.class);
        }
    }

    public OpenCaseStandIn() {
        super("opencase-private.pem", REQUESTS, false);
        requireAuthorization("Bearer ey");
        recordBodies(BODIES);
        post("/api/v1/cases", r -> r.body().contains("refuse-me") ? Answer.problem(422, """
                {"type": "https://homeward.org/problems/validation", "title": "The request has invalid fields",
                 "status": 422, "detail": "2 fields are not valid",
                 "errors": [{"pointer": "/person/romanizedNames/0", "detail": "must not be a placeholder"},
                            {"pointer": "/receivedAt", "detail": "must not be in the future"}]}""")
                : Answer.json(202, "{\"caseId\": \"" + CASE_ID + "\", \"eventId\": "
                        + "\"1f2e3d4c-5b6a-4978-8a7b-6c5d4e3f2a1b\"}"));
        get("/api/v1/cases", r -> Answer.json("{\"items\": [], \"page\": 0, \"size\": 20, \"total\": 0}"));
        noAlerts();
    }
}
