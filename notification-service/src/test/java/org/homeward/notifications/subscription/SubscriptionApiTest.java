package org.homeward.notifications.subscription;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.UUID;
import org.homeward.notifications.support.Advocates;
import org.homeward.notifications.support.GreenMailResource;
import org.homeward.stack.HomewardTestStack;
import org.homeward.support.identity.Roles;
import org.junit.jupiter.api.Test;

/** Subscriptions belong to one advocate, are validated strictly, and show a webhook's secret once. */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class,
        initArgs = @ResourceArg(name = "database", value = "notifications"))
@QuarkusTestResource(GreenMailResource.class)
class SubscriptionApiTest {

    @Test
    void eachChannelIsCreatedListedAndDeletedByItsAdvocateOnly() {
        String advocate = Advocates.fresh();
        UUID caseId = UUID.randomUUID();
        String location = Advocates.as(advocate).body("""
                {"channel": "WEBHOOK", "target": "https://alerts.example.org/homeward",
                 "caseIds": ["%s"], "categories": ["north_korean_pow"], "eventTypes": ["TRANSFERRED"],
                 "minUrgency": "HIGH"}""".formatted(caseId))
                .post("/api/v1/subscriptions").then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("channel", equalTo("WEBHOOK"))
                .body("target", equalTo("https://alerts.example.org/homeward"))
                .body("caseIds", contains(caseId.toString()))
                .body("categories", contains("NORTH_KOREAN_POW"))
                .body("eventTypes", contains("TRANSFERRED"))
                .body("minUrgency", equalTo("HIGH"))
                .body("secret", startsWith("whsec_"))
                .extract().header("Location");
        String webhook = location.substring(location.lastIndexOf('/') + 1);
        JsonPath email = Advocates.subscribe(advocate, """
                {"channel": "EMAIL", "target": "advocate@homeward.test"}""");
        JsonPath feed = Advocates.subscribe(advocate, """
                {"channel": "FEED"}""");
        org.junit.jupiter.api.Assertions.assertNull(email.get("secret"), "only webhooks have a secret");
        org.junit.jupiter.api.Assertions.assertEquals("NORMAL", feed.getString("minUrgency"),
                "the default minimum urgency");

        Advocates.as(advocate).get("/api/v1/subscriptions").then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.channel", contains("FEED", "EMAIL", "WEBHOOK"))
                .body("items[2]", not(hasKey("secret")));
        Advocates.as(advocate).get("/api/v1/subscriptions/{id}", webhook).then().statusCode(200)
                .body("id", equalTo(webhook)).body("$", not(hasKey("secret")));

        String someoneElse = Advocates.fresh();
        Advocates.as(someoneElse).get("/api/v1/subscriptions").then().body("total", equalTo(0));
        Advocates.as(someoneElse).get("/api/v1/subscriptions/{id}", webhook).then().statusCode(404)
                .contentType("application/problem+json");
        Advocates.as(someoneElse).delete("/api/v1/subscriptions/{id}", webhook).then().statusCode(404);
        Advocates.as("another-org", advocate).get("/api/v1/subscriptions").then().body("total", equalTo(0));

        Advocates.as(advocate).delete("/api/v1/subscriptions/{id}", webhook).then().statusCode(204);
        Advocates.as(advocate).get("/api/v1/subscriptions/{id}", webhook).then().statusCode(404);
        Advocates.as(advocate).delete("/api/v1/subscriptions/{id}", webhook).then().statusCode(404);
        Advocates.as(advocate).get("/api/v1/subscriptions").then().body("total", equalTo(2));
    }

    @Test
    void everyInvalidFieldIsNamedAndNothingIsStored() {
        String advocate = Advocates.fresh();
        Advocates.as(advocate).body("""
                {"channel": "PIGEON", "caseIds": ["42", "42"], "categories": ["ALIENS"], "eventTypes": [7],
                 "minUrgency": "URGENT", "colour": "red"}""")
                .post("/api/v1/subscriptions").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://homeward.org/problems/validation"))
                .body("errors.pointer", containsInAnyOrder("/caseIds/0", "/caseIds/1", "/categories/0", "/channel",
                        "/colour", "/eventTypes/0", "/minUrgency"));
        Advocates.as(advocate).body("""
                {"channel": "WEBHOOK"}""").post("/api/v1/subscriptions").then().statusCode(422)
                .body("errors.pointer", contains("/target"));
        Advocates.as(advocate).body("""
                {"channel": "FEED", "target": "https://alerts.example.org/"}""").post("/api/v1/subscriptions")
                .then().statusCode(422).body("errors.pointer", contains("/target"));
        Advocates.as(advocate).body("""
                {"channel": "EMAIL", "target": "Advocate <advocate@homeward.test>\\r\\nBcc: x@evil.test"}""")
                .post("/api/v1/subscriptions").then().statusCode(422).body("errors.pointer", contains("/target"));
        Advocates.as(advocate).body("""
                {"caseIds": "not-a-list"}""").post("/api/v1/subscriptions").then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/caseIds", "/channel"));
        Advocates.as(advocate).body("[]").post("/api/v1/subscriptions").then().statusCode(400)
                .body("type", equalTo("https://homeward.org/problems/malformed-json"));
        Advocates.as(advocate).get("/api/v1/subscriptions").then().body("total", equalTo(0));
        Advocates.as(advocate).get("/api/v1/subscriptions/not-a-uuid").then().statusCode(422)
                .body("errors.pointer", contains("id"));
    }

    @Test
    void webhookTargetsInsidePrivateNetworksAreRefusedEvenWithLoopbackAllowedForTests() {
        String advocate = Advocates.fresh();
        for (String target : new String[] {"http://10.0.0.8/hook", "https://169.254.169.254/latest/meta-data/",
                "http://alerts.example.org/hook", "https://db.internal/hook", "https://user:pw@alerts.example.org/"}) {
            Advocates.as(advocate).body("{\"channel\": \"WEBHOOK\", \"target\": \"" + target + "\"}")
                    .post("/api/v1/subscriptions").then().statusCode(422)
                    .body("errors.pointer", contains("/target"))
                    .body("errors[0].detail", not(nullValue()));
        }
        // The tests' receivers listen on 127.0.0.1: allowed here by homeward.webhooks.allow-loopback (off in prod).
        Advocates.as(advocate).body("{\"channel\": \"WEBHOOK\", \"target\": \"http://127.0.0.1:9/hook\"}")
                .post("/api/v1/subscriptions").then().statusCode(201);
    }

    @Test
    void onlyAnAdvocateWithAValidTokenReachesSubscriptions() {
        given().contentType(ContentType.JSON).body("{\"channel\": \"FEED\"}").post("/api/v1/subscriptions").then()
                .statusCode(401).body("type", equalTo("https://homeward.org/problems/unauthorized"));
        given().auth().oauth2("not-a-token").get("/api/v1/subscriptions").then().statusCode(401);
        given().auth().oauth2(HomewardTestStack.token(Advocates.ORGANISATION, Advocates.fresh(), Roles.CASEWORKER))
                .get("/api/v1/subscriptions").then().statusCode(403)
                .body("type", equalTo("https://homeward.org/problems/forbidden"));
    }

    @Test
    void readinessCoversKafkaTheDatabaseTheDeliveryEngineAndTheLiveFeed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItems("database",
                        "SmallRye Reactive Messaging - readiness check", "Notification live feed",
                        "background loop delivery-dispatcher", "background loop delivery-recorder"))
                .body("checks.find { it.name == 'background loop delivery-dispatcher' }.data.state",
                        equalTo("RUNNING"))
                .body("checks.find { it.name == 'background loop delivery-dispatcher' }.data.lastSuccess",
                        not(equalTo("never")));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItems("background loop delivery-dispatcher",
                        "background loop delivery-recorder"));
    }

    @Test
    void theOpenApiDocumentDescribesEveryOperation() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/subscriptions'.post.summary", equalTo("Subscribe"))
                .body("paths.'/api/v1/subscriptions'.post.responses.'422'.content.'application/problem+json'",
                        not(nullValue()))
                .body("paths.'/api/v1/deliveries/{id}/retry'.post.responses.'409'", not(nullValue()))
                .body("paths.'/api/v1/notifications/stream'.get.summary", endsWith("(Server-Sent Events)"))
                .body("paths.'/api/v1/notifications/{id}/ack'.post.tags", contains("Feed"));
    }
}
