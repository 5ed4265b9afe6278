package org.homeward.cases;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.homeward.events.Category;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.fuzz.RequestFuzzer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, point 8: 1,000 malformed requests for every operation of docs/openapi/cases-v1.yaml (generated from the
 * document, seed {@link RequestFuzzer#SEED}), each with a token of a role the operation allows and the id of a case the
 * caller may see: every answer is a 4xx problem, no table of the case database and no topic changes.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class MalformedRequestFuzzTest {

    private static CaseEventsOnKafka kafka;

    @BeforeAll
    static void setUp() {
        Callers.signInAsCaseworker();
        kafka = new CaseEventsOnKafka();
    }

    @AfterAll
    static void tearDown() {
        kafka.close();
        Callers.signOut();
    }

    @Test
    void everyMalformedRequestIsRefusedWithAProblemAndChangesNothing() {
        UUID caseId = kafka.open(Category.NORTH_KOREAN_POW, "리광철", List.of("Ri Gwang-cheol"), 2000,
                LocalDate.of(2025, 1, 9));
        RequestFuzzer.forDocument("cases-v1.yaml").port(RestAssured.port).database("cases")
                .organisation(Callers.ORGANISATION).pathValue("caseId", caseId.toString()).bodyLimit(64 * 1024)
                .run().assertEveryRequestRefused();
    }
}
