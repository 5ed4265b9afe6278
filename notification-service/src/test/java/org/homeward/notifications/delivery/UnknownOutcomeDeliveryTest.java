package org.homeward.notifications.delivery;

import static java.util.stream.Collectors.toSet;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.homeward.events.EventType;
import org.homeward.events.Urgency;
import org.homeward.notifications.support.Advocates;
import org.homeward.notifications.support.GreenMailResource;
import org.homeward.notifications.support.Mailboxes;
import org.homeward.notifications.support.Receiver;
import org.homeward.notifications.support.Transitions;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One webhook-id and one Message-ID per delivery, and nothing lost, against real PostgreSQL, a real HTTP receiver and
 * a real SMTP server: when the outcome of an attempt cannot be recorded (a trigger makes PostgreSQL refuse it, or
 * PostgreSQL is paused past the lease), and when a replica died mid-attempt (its started, unrecorded attempt is in the
 * table), the delivery is sent again after the lease with the same webhook-id (e-mail: the same Message-ID), so a
 * receiver that has it drops the copy; the history shows the attempt of unknown outcome until its real outcome is
 * recorded. A short lease (6 s) and stall bound (8 s) keep the test quick.
 */
@QuarkusTest
@TestProfile(UnknownOutcomeDeliveryTest.ShortLease.class)
@QuarkusTestResource(value = HomewardTestStack.class,
        initArgs = @ResourceArg(name = "database", value = "notifications"))
@QuarkusTestResource(GreenMailResource.class)
class UnknownOutcomeDeliveryTest {

    /** A short lease and stall bound. */
    public static class ShortLease implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("homeward.delivery.lease", "PT6S", "homeward.delivery.stall-after", "PT8S");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static Receiver receiver;

    @BeforeAll
    static void listen() throws Exception {
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void anOutcomeTheDatabaseRefusesIsSentAgainWithTheSameIds() throws Exception {
        String advocate = Advocates.fresh();
        UUID caseId = UUID.randomUUID();
        String path = "/unrecordable-" + caseId;
        String address = "unrecordable-" + caseId + "@homeward.test";
        JsonPath webhook = Advocates.subscribe(advocate, """
                {"channel": "WEBHOOK", "target": "%s", "caseIds": ["%s"], "minUrgency": "LOW"}"""
                .formatted(receiver.url(path), caseId));
        JsonPath email = Advocates.subscribe(advocate, """
                {"channel": "EMAIL", "target": "%s", "caseIds": ["%s"], "minUrgency": "LOW"}"""
                .formatted(address, caseId));
        refuseRecordingOf("unrecordable-" + caseId);
        try {
            Transitions.publish(Transitions.of(caseId, EventType.TRANSFER_REQUESTED, Urgency.HIGH));

            await().atMost(WAIT).until(() -> receiver.requests(path).size() == 1
                    && Mailboxes.read(address).size() == 1);
            // The outcomes cannot be written; after the lease the deliveries are claimed again, found started, their
            // attempt recorded UNKNOWN, and sent again.
            await().atMost(WAIT).untilAsserted(() -> {
                deliveries(advocate, webhook, "PENDING").body("items[0].attempts.outcome", hasItem("UNKNOWN"));
                deliveries(advocate, email, "PENDING").body("items[0].attempts.outcome", hasItem("UNKNOWN"));
            });
            await().atMost(WAIT).until(() -> receiver.requests(path).size() >= 2
                    && Mailboxes.read(address).size() >= 2);
            // The recorder keeps the outcomes and keeps trying: after 8 s of failures it turns readiness DOWN.
            await().atMost(WAIT).untilAsserted(() -> RestAssured.given().get("/q/health/ready").then()
                    .statusCode(503).body("checks.find { it.name == 'background loop delivery-recorder' }.status",
                            equalTo("DOWN")));
        } finally {
            allowRecording();
        }
        // The database takes the outcomes again: each attempt's real outcome replaces UNKNOWN, the last one settles
        // the delivery.
        await().atMost(WAIT).untilAsserted(() -> {
            deliveries(advocate, webhook, "DELIVERED").body("total", equalTo(1))
                    .body("items[0].attempts.outcome", everyItem(equalTo("DELIVERED")));
            deliveries(advocate, email, "DELIVERED").body("total", equalTo(1))
                    .body("items[0].attempts.outcome", everyItem(equalTo("DELIVERED")));
        });
        await().atMost(WAIT).untilAsserted(() -> RestAssured.given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'background loop delivery-recorder' }.status", equalTo("UP")));

        // Every copy carried the delivery's one id; the history has one attempt per copy sent.
        String notification = deliveries(advocate, webhook, "DELIVERED").extract().path("items[0].notificationId");
        List<Receiver.Request> requests = receiver.requests(path);
        assertEquals(Set.of(notification), requests.stream().map(r -> r.header("webhook-id")).collect(toSet()));
        assertEquals(requests.size(), deliveries(advocate, webhook, "DELIVERED").extract()
                .<List<String>>path("items[0].attempts.outcome").size(), "one attempt per request");
        List<Mailboxes.Mail> mails = Mailboxes.read(address);
        String mailNotification = deliveries(advocate, email, "DELIVERED").extract().path("items[0].notificationId");
        assertEquals(Set.of("<" + mailNotification + "@notifications.homeward>"),
                mails.stream().map(Mailboxes.Mail::messageId).collect(toSet()));
        assertEquals(mails.size(), deliveries(advocate, email, "DELIVERED").extract()
                .<List<String>>path("items[0].attempts.outcome").size(), "one attempt per e-mail");
    }

    @Test
    void aDatabasePausedWhileTheReceiverAnswersLeadsToOneWebhookId() throws Exception {
        String advocate = Advocates.fresh();
        UUID caseId = UUID.randomUUID();
        String path = "/pausing-" + caseId;
        AtomicBoolean paused = new AtomicBoolean();
        // The receiver freezes PostgreSQL (SIGSTOP) while it takes the webhook: the outcome cannot be recorded, and
        // the lease (6 s) runs out before the database answers again.
        receiver.on(path, r -> {
            if (paused.compareAndSet(false, true)) {
                HomewardTestStack.pausePostgres();
            }
            return Receiver.Answer.of(204);
        });
        JsonPath subscription = Advocates.subscribe(advocate, """
                {"channel": "WEBHOOK", "target": "%s", "caseIds": ["%s"], "minUrgency": "LOW"}"""
                .formatted(receiver.url(path), caseId));
        Transitions.publish(Transitions.of(caseId, EventType.CAPTURED, Urgency.HIGH));
        try {
            await().atMost(WAIT).until(paused::get);
            await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);
        } finally {
            HomewardTestStack.resumePostgres();
        }
        // When the database answers again, either the recorder is first (one request) or a claim finds the attempt's
        // lease over and sends it again (two): whichever, one webhook-id, and one DELIVERED attempt per request.
        await().atMost(WAIT).untilAsserted(() -> deliveries(advocate, subscription, "DELIVERED")
                .body("total", equalTo(1))
                .body("items[0].attempts.outcome", everyItem(equalTo("DELIVERED"))));
        await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12)).until(() -> receiver.requests(path)
                .size() == deliveries(advocate, subscription, "DELIVERED").extract()
                .<List<String>>path("items[0].attempts.outcome").size());
        assertEquals(Set.of(deliveries(advocate, subscription, "DELIVERED").extract()
                        .<String>path("items[0].notificationId")),
                receiver.requests(path).stream().map(r -> r.header("webhook-id")).collect(toSet()));
    }

    @Test
    void aStartedAttemptOfADeadReplicaIsSentAgainWithItsWebhookId() throws Exception {
        String advocate = Advocates.fresh();
        UUID caseId = UUID.randomUUID();
        String path = "/orphan-" + caseId;
        JsonPath subscription = Advocates.subscribe(advocate, """
                {"channel": "WEBHOOK", "target": "%s", "caseIds": ["%s"], "minUrgency": "LOW"}"""
                .formatted(receiver.url(path), caseId));
        UUID notification = UUID.randomUUID();
        // What a replica that died mid-attempt leaves behind: claimed, the attempt's start committed, nothing
        // recorded, the lease over.
        try (Connection c = database(); PreparedStatement insert = c.prepareStatement("""
                with t as (insert into transitions (transition_id, case_id, event_type, status, urgency, occurred_at,
                                                    created_at)
                           values (?, ?, 'NOTE_ADDED', 'APPLIED', 'LOW', now(), now()) returning transition_id),
                     n as (insert into notifications (id, subscription_id, transition_id, organisation, advocate,
                                                      channel, case_id, urgency, created_at)
                           select ?, ?, transition_id, ?, ?, 'WEBHOOK', ?, 'LOW', now() from t returning id)
                insert into deliveries (id, notification_id, subscription_id, channel, case_id, payload, status,
                                        next_attempt_at, claim_token, lease_until, attempt_started_at, created_at)
                select ?, id, ?, 'WEBHOOK', ?, '{"type":"case.transition"}', 'PENDING', now(), ?, now(),
                       now() - interval '10 seconds', now() - interval '20 seconds' from n""")) {
            UUID subscriptionId = UUID.fromString(subscription.getString("id"));
            int i = 1;
            insert.setObject(i++, UUID.randomUUID());
            insert.setObject(i++, caseId);
            insert.setObject(i++, notification);
            insert.setObject(i++, subscriptionId);
            insert.setString(i++, Advocates.organisation());
            insert.setString(i++, advocate);
            insert.setObject(i++, caseId);
            insert.setObject(i++, UUID.randomUUID());
            insert.setObject(i++, subscriptionId);
            insert.setObject(i++, caseId);
            insert.setObject(i, UUID.randomUUID());
            assertEquals(1, insert.executeUpdate());
        }

        // The dead replica's attempt is recorded UNKNOWN, and the delivery sent again with the same webhook-id.
        await().atMost(WAIT).untilAsserted(() -> deliveries(advocate, subscription, "DELIVERED")
                .body("total", equalTo(1))
                .body("items[0].notificationId", equalTo(notification.toString()))
                .body("items[0].attempts.outcome", contains("UNKNOWN", "DELIVERED"))
                .body("items[0].attempts.attempt", contains(1, 2))
                .body("items[0].attempts[0].error", startsWith("outcome unknown")));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .until(() -> receiver.requests(path).size() == 1);
        assertEquals(notification.toString(), receiver.requests(path).get(0).header("webhook-id"));
    }

    private static ValidatableResponse deliveries(String advocate, JsonPath subscription, String status) {
        return Advocates.as(advocate).queryParam("subscriptionId", subscription.getString("id"))
                .queryParam("status", status).get("/api/v1/deliveries").then().statusCode(200);
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(HomewardTestStack.jdbcUrl("notifications"),
                HomewardTestStack.databaseUser(), HomewardTestStack.databasePassword());
    }

    /** PostgreSQL refuses to record any outcome (but UNKNOWN) of deliveries to targets containing {@code marker}. */
    private static void refuseRecordingOf(String marker) throws SQLException {
        try (Connection c = database(); Statement s = c.createStatement()) {
            s.execute("""
                    create or replace function test_refuse_recording() returns trigger language plpgsql as $$
                    begin
                        if new.outcome <> 'UNKNOWN' and exists (select 1 from deliveries d
                                join subscriptions s on s.id = d.subscription_id
                                where d.id = new.delivery_id and s.target like '%%%s%%') then
                            raise exception 'recording refused for the test';
                        end if;
                        return new;
                    end $$""".formatted(marker));
            s.execute("drop trigger if exists test_refuse_recording on delivery_attempts");
            s.execute("create trigger test_refuse_recording before insert or update on delivery_attempts"
                    + " for each row execute function test_refuse_recording()");
        }
    }

    private static void allowRecording() throws SQLException {
        try (Connection c = database(); Statement s = c.createStatement()) {
            s.execute("drop trigger if exists test_refuse_recording on delivery_attempts");
        }
    }
}
