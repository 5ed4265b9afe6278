package org.homeward.intake.submission.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.homeward.events.CaseEventData;
import org.homeward.events.CloudEvent;
import org.homeward.events.NoteAdded;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.homeward.intake.metrics.IntakeMetrics;
import org.homeward.intake.publishing.CaseEventPublisher;
import org.homeward.intake.publishing.CaseEventPublisher.Delivery;
import org.homeward.intake.registry.domain.CaseRegistry.CaseAccess;
import org.homeward.intake.submission.persistence.AcceptStore;
import org.homeward.support.identity.Caller;
import org.homeward.support.identity.Roles;
import org.homeward.support.problem.ProblemException;
import org.junit.jupiter.api.Test;

/**
 * The request's own database transaction around the publication (plain JDBC, no transaction manager): what the
 * connection sees, in which order, and what the partner is answered when the database fails before or after Kafka
 * acknowledged. Kafka and PostgreSQL are stand-ins here; the component tests run the same paths against the real
 * ones.
 */
class AcceptTransactionTest {

    private static final String ORG = "defector-org";
    private static final Caller REPORTER = new Caller(ORG, "reporter-1", Set.of(Roles.REPORTER));
    private final UUID caseId = UUID.randomUUID();
    private final List<String> calls = new ArrayList<>();

    @Test
    void aKeyedEventHoldsItsTransactionWhileKafkaAnswersAndCommitsAfterTheAcknowledgement() {
        IntakeService intake = intake(null, null);
        Outcome outcome = intake.submit(caseId, note(), REPORTER, "key-1");

        assertTrue(outcome.isAccepted());
        assertEquals(List.of("autocommit false", "read locked", "publish (connection open)", "remember key-1",
                "commit", "autocommit true", "close"), calls);
    }

    @Test
    void anEventWithoutAKeyGivesItsConnectionBackBeforePublishing() {
        IntakeService intake = intake(null, null);
        Outcome outcome = intake.submit(caseId, note(), REPORTER, null);

        assertTrue(outcome.isAccepted());
        assertEquals(List.of("read", "close", "publish (connection closed)"), calls,
                "one read, no transaction, nothing held while Kafka answers");
    }

    @Test
    void aCommitThatFailsAfterTheAcknowledgementAnswersOutcomeUnknown() {
        IntakeService intake = intake("commit", null);
        ProblemException refused = assertThrows(ProblemException.class,
                () -> intake.submit(caseId, note(), REPORTER, "key-2"));

        assertEquals(503, refused.problem().status());
        assertTrue(refused.problem().type().toString().endsWith("/outcome-unknown"), refused.problem().type()
                .toString());
        assertEquals("5", refused.headers().get("Retry-After"));
        assertTrue(calls.contains("rollback"), "the failed transaction is rolled back");
        assertEquals("close", calls.get(calls.size() - 1), "the connection goes back to the pool");
    }

    @Test
    void aDatabaseThatFailsBeforePublishingAnswersDependencyUnavailableAndPublishesNothing() {
        IntakeService intake = intake(null, "read");
        ProblemException refused = assertThrows(ProblemException.class,
                () -> intake.submit(caseId, note(), REPORTER, "key-3"));

        assertEquals(503, refused.problem().status());
        assertTrue(refused.problem().type().toString().endsWith("/dependency-unavailable"), refused.problem().type()
                .toString());
        assertFalse(calls.stream().anyMatch(call -> call.startsWith("publish")), "nothing was published");
        assertTrue(calls.contains("rollback"));
    }

    private static Submission note() {
        return new Submission(new NoteAdded("a note"), Instant.parse("2025-11-12T00:00:00Z"), null);
    }

    /** Intake on stand-ins; {@code failCommit}/{@code failRead}: which step's database call fails (08006). */
    private IntakeService intake(String failCommit, String failRead) {
        boolean[] open = {false};
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setAutoCommit" -> calls.add("autocommit " + args[0]);
                        case "commit" -> {
                            if ("commit".equals(failCommit)) {
                                throw new SQLException("An I/O error occurred while sending to the backend", "08006");
                            }
                            calls.add("commit");
                        }
                        case "rollback" -> calls.add("rollback");
                        case "close" -> {
                            open[0] = false;
                            calls.add("close");
                        }
                        default -> {
                            return null;
                        }
                    }
                    return null;
                });
        AcceptStore store = new AcceptStore() {
            @Override
            public Connection connection() {
                open[0] = true;
                return connection;
            }

            @Override
            public Reads read(Connection c, String organisation, Long lockId, Collection<String> keys,
                    Collection<UUID> caseIds, Collection<UUID> eventIds) throws SQLException {
                if ("read".equals(failRead)) {
                    throw new SQLException("An I/O error occurred while sending to the backend", "08006");
                }
                calls.add(lockId == null ? "read" : "read locked");
                return new Reads(true, Map.of(), Map.of(), Map.of(caseId, new CaseAccess(ORG, Set.of())), Map.of());
            }

            @Override
            public void rememberKeys(Connection c, String organisation, List<Key> keys) {
                keys.forEach(key -> calls.add("remember " + key.key()));
            }
        };
        CaseEventPublisher publisher = new CaseEventPublisher() {
            @Override
            public List<Delivery> publishInOrder(List<CloudEvent<CaseEventData>> events) {
                calls.add("publish (connection " + (open[0] ? "open" : "closed") + ")");
                return events.stream().map(e -> Delivery.ACKNOWLEDGED).toList();
            }
        };
        IntakeService intake = new IntakeService();
        intake.store = store;
        intake.publisher = publisher;
        intake.metrics = new IntakeMetrics(new SimpleMeterRegistry());
        intake.retryAfterSeconds = 5;
        return intake;
    }
}
