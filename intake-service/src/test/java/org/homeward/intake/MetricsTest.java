package org.homeward.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.MetricsExposure;
import org.junit.jupiter.api.Test;

/** Intake's /q/metrics counts requests by path template and carries no case id nor anything a partner sent. */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class MetricsTest {

    @Test
    void requestsAreCountedByTemplateWithoutIdsOrNames() {
        String caseId = Intake.openCase();
        Intake.partner().header("Idempotency-Key", Intake.newKey()).body(Intake.CAPTURED)
                .post("/api/v1/cases/{caseId}/events", caseId).then().statusCode(202);

        MetricsExposure.assertSafe(MetricsExposure.read(RestAssured.port), "/api/v1/cases/{caseId}/events",
                List.of(caseId, "리광철", "Ri Gwang-cheol", "Kursk"));
    }
}
