package org.homeward.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.fuzz.RequestFuzzer;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, point 8: 1,000 malformed requests for every operation of docs/openapi/intake-v1.yaml (generated from the
 * document, seed {@link RequestFuzzer#SEED}), each as a reporter and admin of the organisation that opened the case
 * they name: every answer is a 4xx problem (a bulk request's 200 only with every item refused), nothing is published
 * on any topic and no table of intake's database changes.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class MalformedRequestFuzzTest {

    @Test
    void everyMalformedRequestIsRefusedWithAProblemAndNothingIsPublished() {
        String caseId = Intake.openCase();
        Intake.awaitEvents(caseId, 1);
        RequestFuzzer.forDocument("intake-v1.yaml").port(RestAssured.port).database("intake").organisation(Intake.ORG)
                .pathValue("caseId", caseId).bodyLimit(2 * 1024 * 1024).run().assertEveryRequestRefused();
    }
}
