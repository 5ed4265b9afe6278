package org.homeward.notifications;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import java.util.UUID;
import org.homeward.notifications.support.Advocates;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.MetricsExposure;
import org.junit.jupiter.api.Test;

/** The notification service's /q/metrics counts requests by path template and carries no id. */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class,
        initArgs = @ResourceArg(name = "database", value = "notifications"))
class MetricsTest {

    @Test
    void requestsAreCountedByTemplateWithoutIds() {
        String advocate = Advocates.fresh();
        String unknown = UUID.randomUUID().toString();
        Advocates.as(advocate).get("/api/v1/subscriptions/{id}", unknown).then().statusCode(404);

        MetricsExposure.assertSafe(MetricsExposure.read(RestAssured.port), "/api/v1/subscriptions/{id}",
                List.of(unknown, advocate));
    }
}
