package org.homeward.cases;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.homeward.events.Category;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.MetricsExposure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The case service's /q/metrics counts requests by path template and carries no case id nor a person's name. */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class MetricsTest {

    private static CaseEventsOnKafka kafka;

    @BeforeAll
    static void connect() {
        Callers.signInAsCaseworker();
        kafka = new CaseEventsOnKafka();
    }

    @AfterAll
    static void disconnect() {
        Callers.signOut();
        kafka.close();
    }

    @Test
    void requestsAreCountedByTemplateWithoutIdsOrNames() {
        UUID caseId = kafka.open(Category.DEFECTOR, "한지민", List.of("Han Ji-min"), 1998, LocalDate.of(2024, 5, 2));
        given().get("/api/v1/cases/{caseId}", caseId).then().statusCode(200);
        given().get("/api/v1/cases/{caseId}", UUID.randomUUID()).then().statusCode(404);

        MetricsExposure.assertSafe(MetricsExposure.read(RestAssured.port), "/api/v1/cases/{caseId}",
                List.of(caseId.toString(), "한지민", "Han Ji-min"));
    }
}
