package org.homeward.notifications.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.homeward.events.EventType;
import org.homeward.events.Urgency;
import org.homeward.notifications.delivery.webhook.WebhookSignature;
import org.homeward.notifications.subscription.domain.WebhookSecrets;
import org.homeward.notifications.support.Advocates;
import org.homeward.notifications.support.GreenMailResource;
import org.homeward.notifications.support.Receiver;
import org.homeward.notifications.support.Transitions;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook signing secrets are stored sealed (AES-256-GCM bound to the subscription), never in plaintext; a secret
 * stored in plaintext before sealing existed is sealed by the startup migration and still signs what it signed.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class,
        initArgs = @ResourceArg(name = "database", value = "notifications"))
@QuarkusTestResource(GreenMailResource.class)
class WebhookSecretStorageTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static Receiver receiver;

    @Inject
    WebhookSecrets secrets;

    @BeforeAll
    static void listen() throws Exception {
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void theSecretIsStoredSealedAndStillSigns() throws Exception {
        UUID caseId = UUID.randomUUID();
        String path = "/sealed-" + caseId;
        var created = Advocates.subscribe(Advocates.fresh(), """
                {"channel": "WEBHOOK", "target": "%s", "caseIds": ["%s"], "minUrgency": "LOW"}"""
                .formatted(receiver.url(path), caseId));
        UUID id = UUID.fromString(created.getString("id"));
        String secret = created.getString("secret");

        String stored = storedSecret(id);
        assertTrue(stored.startsWith("enc:v1:"), "sealed with a key id");
        assertFalse(stored.contains(secret.substring("whsec_".length())), "no plaintext in the database");
        assertEquals(secret, secrets.open(id, stored));

        Transitions.publish(Transitions.of(caseId, EventType.CAPTURED, Urgency.HIGH));
        await().atMost(WAIT).until(() -> receiver.requests(path).size() == 1);
        Receiver.Request request = receiver.requests(path).get(0);
        assertTrue(WebhookSignature.verify(secret, request.header("webhook-id"),
                Long.parseLong(request.header("webhook-timestamp")), request.body(),
                request.header("webhook-signature")));
    }

    @Test
    void aPlaintextSecretFromBeforeSealingIsSealedByTheMigrationAndKeepsSigning() throws Exception {
        UUID caseId = UUID.randomUUID();
        String path = "/legacy-" + caseId;
        var created = Advocates.subscribe(Advocates.fresh(), """
                {"channel": "WEBHOOK", "target": "%s", "caseIds": ["%s"], "minUrgency": "LOW"}"""
                .formatted(receiver.url(path), caseId));
        UUID id = UUID.fromString(created.getString("id"));
        String legacy = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'L');
        execute("update subscriptions set secret = ? where id = ?", legacy, id);

        // a plaintext secret not yet migrated still signs (a replica may deliver before another one migrated)
        assertEquals(legacy, secrets.open(id, storedSecret(id)));
        int sealed = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(secrets::resealBatch);
            sealed += batch;
        } while (batch > 0);
        assertTrue(sealed >= 1);
        String stored = storedSecret(id);
        assertTrue(stored.startsWith("enc:v1:"));
        assertEquals(legacy, secrets.open(id, stored));
        assertEquals(0, (int) QuarkusTransaction.requiringNew().call(secrets::resealBatch), "idempotent");

        Transitions.publish(Transitions.of(caseId, EventType.CAPTURED, Urgency.HIGH));
        await().atMost(WAIT).until(() -> receiver.requests(path).size() == 1);
        Receiver.Request request = receiver.requests(path).get(0);
        assertTrue(WebhookSignature.verify(legacy, request.header("webhook-id"),
                Long.parseLong(request.header("webhook-timestamp")), request.body(),
                request.header("webhook-signature")), "the receiver's secret is unchanged");
    }

    private static String storedSecret(UUID id) throws SQLException {
        try (Connection c = connect(); PreparedStatement select = c.prepareStatement(
                "select secret from subscriptions where id = ?")) {
            select.setObject(1, id);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void execute(String sql, String value, UUID id) throws SQLException {
        try (Connection c = connect(); PreparedStatement update = c.prepareStatement(sql)) {
            update.setString(1, value);
            update.setObject(2, id);
            assertEquals(1, update.executeUpdate());
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(HomewardTestStack.jdbcUrl("notifications"),
                HomewardTestStack.databaseUser(), HomewardTestStack.databasePassword());
    }
}
