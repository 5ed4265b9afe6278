package org.homeward.intake;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.homeward.events.CaseKeyCipher;
import org.homeward.events.CaseKeyRecord;
import org.homeward.events.Topics;
import org.homeward.intake.publishing.CaseEventKeys;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.TopicProbe;
import org.homeward.support.crypto.CaseEventKeyRing;
import org.homeward.support.crypto.FieldCipher;
import org.junit.jupiter.api.Test;

/**
 * A rotation of the case-events key ring: a case key wrapped by an older key of the ring is wrapped by the active one,
 * published again on case-keys (where the case service replaces its copy) and stored; the key itself is the same, and
 * the service opens it without the older key.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class CaseKeyRotationTest {

    @Inject
    CaseEventKeys keys;

    @Inject
    CaseEventKeyRing serviceRing;

    @Test
    void aKeyWrappedByAnOlderRingKeyIsWrappedByTheActiveOneAndPublishedAgain() throws Exception {
        var config = ConfigProvider.getConfig();
        String older = "rotated-out:" + FieldCipher.newKey();
        CaseEventKeyRing olderRing = CaseEventKeyRing.of(older, "rotated-out");
        // The ring as an operator has it mid-rotation: the older key still in it, the service's key active.
        CaseEventKeyRing ring = CaseEventKeyRing.of(older + "," + config.getValue("homeward.crypto.event-keys",
                String.class), serviceRing.activeKeyId());
        UUID caseId = UUID.randomUUID();
        SecretKey key = CaseKeyCipher.newKey();
        try (Connection db = connection(); PreparedStatement insert = db.prepareStatement(
                "insert into case_keys (case_id, wrapped, published_at) values (?, ?, now())")) {
            insert.setObject(1, caseId);
            insert.setString(2, olderRing.wrap(caseId, key));
            insert.executeUpdate();
        }

        assertTrue(keys.rotate(ring, 500) >= 1);

        String stored = wrapped(caseId);
        assertTrue(stored.startsWith("enc:v1:" + serviceRing.activeKeyId() + ":"), stored);
        assertArrayEquals(key.getEncoded(), keys.of(caseId).getEncoded(), "the same key, without the older ring key");
        try (TopicProbe probe = new TopicProbe(HomewardTestStack.kafkaBootstrapServers(), Topics.CASE_KEYS)) {
            List<ConsumerRecord<String, byte[]>> published = await().atMost(Duration.ofSeconds(60))
                    .until(() -> probe.records(caseId.toString()), r -> !r.isEmpty());
            CaseKeyRecord record = CaseKeyRecord.decode(published.get(published.size() - 1).value());
            assertEquals(stored, record.wrapped());
            assertArrayEquals(key.getEncoded(), serviceRing.unwrap(caseId, record.wrapped()).getEncoded());
        }
        assertEquals(0, keys.rotate(ring, 500), "nothing is left under the older key");
    }

    private static String wrapped(UUID caseId) throws Exception {
        try (Connection db = connection();
                PreparedStatement select = db.prepareStatement("select wrapped from case_keys where case_id = ?")) {
            select.setObject(1, caseId);
            try (ResultSet rs = select.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }

    private static Connection connection() throws Exception {
        return DriverManager.getConnection(HomewardTestStack.jdbcUrl("intake"), HomewardTestStack.databaseUser(),
                HomewardTestStack.databasePassword());
    }
}
