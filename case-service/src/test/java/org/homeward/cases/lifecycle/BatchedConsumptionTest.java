package org.homeward.cases.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.homeward.cases.Callers;
import org.homeward.cases.holds.domain.CaseHolds;
import org.homeward.cases.lifecycle.domain.CaseLedger;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseOpened;
import org.homeward.events.Captured;
import org.homeward.events.Category;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.LetterReceived;
import org.homeward.events.Person;
import org.homeward.events.Topics;
import org.homeward.stack.HomewardTestStack;
import org.homeward.support.messaging.InOrderHandler;
import org.junit.jupiter.api.Test;

/**
 * The case service's consumer in batch mode, given a batch as the connector hands it over (a poll of two partitions),
 * against the real database: a batch is applied in one transaction (every row it wrote has one PostgreSQL
 * transaction id), a duplicate inside it changes nothing, and the batch is acknowledged only after its effect. When one
 * record fails for good, its neighbours are applied one at a time, its case goes on hold, a record that is not an
 * event is handed to the failure handler (the dead-letter topic), and the batch is acknowledged once all are settled.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class BatchedConsumptionTest {

    @Inject
    InOrderHandler handler;

    @Inject
    CaseLedger ledger;

    @Inject
    CaseHolds holds;

    @Inject
    AgroalDataSource database;

    private final List<Long> committed = new CopyOnWriteArrayList<>();
    private final List<Long> deadLettered = new CopyOnWriteArrayList<>();
    private long offset = 1_000_000;
    private static final java.util.concurrent.atomic.AtomicInteger HOURS = new java.util.concurrent.atomic.AtomicInteger();

    @Test
    void aBatchIsAppliedInOneTransactionAndADuplicateInsideItChangesNothing() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID capture = UUID.randomUUID();
        List<ConsumerRecord<String, byte[]>> partition0 = List.of(
                record(0, first, opening(first, "김하나")),
                record(0, first, event(capture, first, new Captured("Ukraine", "Kursk"))),
                record(0, first, event(capture, first, new Captured("Ukraine", "Kursk"))), // the same event again
                record(0, first, event(UUID.randomUUID(), first, letter())));
        List<ConsumerRecord<String, byte[]>> partition1 = List.of(record(1, second, opening(second, "박둘")));

        handler.handleBatch(batch(partition0, partition1), EventCodec::decodeCaseEvent, ledger::takeAll, ledger::take,
                holds::keep).toCompletableFuture().join();

        assertEquals(3, count("select count(*) from timeline_entries where case_id = '" + first + "'"),
                "the opening, the capture once, the letter");
        assertEquals(1, count("select count(*) from timeline_entries where case_id = '" + second + "'"));
        assertEquals(1, count("select count(distinct xmin::text) from timeline_entries where case_id in ('" + first
                + "', '" + second + "')"), "one transaction for the whole batch");
        // Acknowledged: each partition's latest offset, once the batch's transaction committed.
        assertEquals(Set.of(last(partition0), last(partition1)), new HashSet<>(committed));
        assertTrue(deadLettered.isEmpty());
    }

    @Test
    void aRecordThatFailsForGoodDoesNotFailItsNeighbours() throws Exception {
        UUID fine = UUID.randomUUID();
        UUID poisoned = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        UUID poison = UUID.randomUUID();
        sql("create table if not exists batch_faults (event_id uuid primary key)",
                """
                create or replace function refuse_batch_faults() returns trigger language plpgsql as $$
                begin
                    if exists (select 1 from batch_faults where event_id = new.event_id) then
                        raise exception 'injected fault';
                    end if;
                    return new;
                end $$""",
                "drop trigger if exists refuse_batch_faults on timeline_entries",
                "create trigger refuse_batch_faults before insert on timeline_entries for each row "
                        + "execute function refuse_batch_faults()",
                "insert into batch_faults values ('" + poison + "')");
        List<ConsumerRecord<String, byte[]>> partition0;
        List<ConsumerRecord<String, byte[]>> partition1;
        try {
            partition0 = List.of(
                    record(0, fine, opening(fine, "최셋")),
                    record(0, poisoned, opening(poison, poisoned, "정넷")),
                    record(0, fine, event(UUID.randomUUID(), fine, new Captured("Ukraine", "Kursk"))),
                    record(0, poisoned, event(UUID.randomUUID(), poisoned, letter())));
            partition1 = List.of(record(1, after, opening(after, "한다섯")));

            handler.handleBatch(batch(partition0, partition1), EventCodec::decodeCaseEvent, ledger::takeAll,
                    ledger::take, holds::keep).toCompletableFuture().join();
        } finally {
            sql("drop trigger if exists refuse_batch_faults on timeline_entries", "delete from batch_faults");
        }

        // The batch failed as a whole; one at a time, the records around the failing one are applied.
        assertEquals(2, count("select count(*) from timeline_entries where case_id = '" + fine + "'"));
        assertEquals(1, count("select count(*) from timeline_entries where case_id = '" + after + "'"));
        // The failing opening puts its case on hold; the case's later letter waits behind it.
        assertEquals(0, count("select count(*) from timeline_entries where case_id = '" + poisoned + "'"));
        assertEquals(poison.toString(), text("select event_id from case_holds where case_id = '" + poisoned + "'"));
        assertEquals(2, count("select count(*) from held_events where case_id = '" + poisoned + "'"));
        assertEquals(Set.of(last(partition0), last(partition1)), new HashSet<>(committed),
                "acknowledged once every record was settled");
        assertTrue(deadLettered.isEmpty());
    }

    @Test
    void aRecordThatIsNotAnEventIsDeadLetteredAndItsNeighboursApplied() throws Exception {
        UUID caseId = UUID.randomUUID();
        List<ConsumerRecord<String, byte[]>> partition0 = List.of(
                record(0, caseId, opening(caseId, "윤여섯")),
                record(0, caseId, "not an event".getBytes(StandardCharsets.UTF_8)),
                record(0, caseId, event(UUID.randomUUID(), caseId, new Captured("Ukraine", "Kursk"))));

        handler.handleBatch(batch(partition0, List.of()), EventCodec::decodeCaseEvent, ledger::takeAll, ledger::take,
                holds::keep).toCompletableFuture().join();

        assertEquals(2, count("select count(*) from timeline_entries where case_id = '" + caseId + "'"));
        assertEquals(List.of(partition0.get(1).offset()), deadLettered);
        assertEquals(Set.of(last(partition0)), new HashSet<>(committed));
    }

    private static long last(List<ConsumerRecord<String, byte[]>> records) {
        return records.get(records.size() - 1).offset();
    }

    private ConsumerRecord<String, byte[]> record(int partition, UUID caseId, byte[] value) {
        return new ConsumerRecord<>(Topics.CASE_EVENTS, partition, offset++, caseId.toString(), value);
    }

    private IncomingKafkaRecordBatch<String, byte[]> batch(List<ConsumerRecord<String, byte[]>> partition0,
            List<ConsumerRecord<String, byte[]>> partition1) {
        KafkaCommitHandler commits = new KafkaCommitHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
                committed.add(record.getOffset());
                return Uni.createFrom().voidItem();
            }
        };
        KafkaFailureHandler failures = new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                deadLettered.add(record.getOffset());
                return Uni.createFrom().voidItem();
            }
        };
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> byPartition = new java.util.LinkedHashMap<>();
        byPartition.put(new TopicPartition(Topics.CASE_EVENTS, 0), new ArrayList<>(partition0));
        if (!partition1.isEmpty()) {
            byPartition.put(new TopicPartition(Topics.CASE_EVENTS, 1), new ArrayList<>(partition1));
        }
        ConsumerRecords<String, byte[]> polled = new ConsumerRecords<>(byPartition);
        return new IncomingKafkaRecordBatch<>(polled, "case-events", 0, commits, failures, false, false);
    }

    private static byte[] opening(UUID caseId, String name) {
        return opening(UUID.randomUUID(), caseId, name);
    }

    private static byte[] opening(UUID eventId, UUID caseId, String name) {
        return event(eventId, caseId, new CaseOpened(Category.NORTH_KOREAN_POW,
                new Person(name, List.of(), 2001, null, null), "Kursk", LocalDate.of(2025, 1, 9)));
    }

    private static LetterReceived letter() {
        return new LetterReceived(null, null, null, LocalDate.of(2025, 2, 1), "ko", null, "letter-1");
    }

    /** An event; each one later than the one before (an event is known by its type and time within its case). */
    private static byte[] event(UUID eventId, UUID caseId, CaseEventData data) {
        return EventCodec.encode(CloudEvent.caseEvent(eventId, caseId, "urn:homeward:test",
                Instant.parse("2025-01-09T06:00:00Z").plusSeconds(3600L * HOURS.getAndIncrement()), Instant.now(),
                Callers.ORGANISATION, "tester", data));
    }

    private long count(String query) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String text(String query) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** As the database's owner: the service's own role may not create tables, functions or triggers. */
    private void sql(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(HomewardTestStack.jdbcUrl("cases"),
                HomewardTestStack.databaseUser(), HomewardTestStack.databasePassword());
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
