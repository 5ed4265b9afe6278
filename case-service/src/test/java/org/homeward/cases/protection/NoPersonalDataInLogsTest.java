package org.homeward.cases.protection;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.homeward.cases.CaseEventsOnKafka;
import org.homeward.cases.Callers;
import org.homeward.events.Captured;
import org.homeward.events.Category;
import org.homeward.events.LetterReceived;
import org.homeward.events.Resettled;
import org.homeward.stack.HomewardTestStack;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing personal reaches the log (docs/operations.md, "Logs"): events carrying a person's name, places and a
 * letter's text, one the state machine rejects, one for a case that does not exist, a record that is not an event at
 * all (dead-lettered), and requests that search by the name and read the case: every line the service logs meanwhile
 * (message, parameters, exceptions and their stack traces) is captured and holds none of them. The search's query
 * string is not in its span either.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class NoPersonalDataInLogsTest {

    private static final String NAME = "로그없음";
    private static final String ROMANIZED = "Rogeu Eopseum";
    private static final String PLACE = "Glushkovo-Unlogged";
    private static final String HELD_AT = "Lgov-Unlogged";
    private static final String LETTER = "Dear mother, I am alive and unlogged";
    private static final String WRITER = "Writer-Unlogged";
    private static final List<String> PERSONAL = List.of(NAME, ROMANIZED, PLACE, HELD_AT, LETTER, WRITER);

    @Inject
    InMemorySpanExporter spans;

    private final Capture capture = new Capture();

    @BeforeEach
    void listen() {
        spans.reset(); // only this test's spans
        Callers.signInAsCaseworker();
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
        Callers.signOut();
    }

    @Test
    void eventsAndRequestsCarryingANameAPlaceAndALettersTextLeaveNoneOfThemInTheLog() {
        try (CaseEventsOnKafka kafka = new CaseEventsOnKafka()) {
            UUID caseId = kafka.open(Category.NORTH_KOREAN_POW, NAME, List.of(ROMANIZED), 2001,
                    LocalDate.of(2025, 1, 9));
            // Not legal in the state REPORTED: rejected, with a reason on the timeline, not in the log.
            UUID resettled = kafka.publish(caseId, new Resettled(PLACE));
            UUID captured = kafka.publish(caseId, new Captured("Ukraine", HELD_AT));
            UUID letter = kafka.publish(caseId, new LetterReceived(WRITER, PLACE, LocalDate.of(2025, 1, 20),
                    LocalDate.of(2025, 2, 1), "ko", LETTER, "letter-unlogged"));
            kafka.publish(UUID.randomUUID(), new Captured("Ukraine", PLACE)); // a case that does not exist
            kafka.publishRaw(caseId, ("{\"name\": \"" + NAME + "\", \"place\": \"" + PLACE + "\"}")
                    .getBytes(StandardCharsets.UTF_8)); // not an event: dead-lettered
            for (UUID event : List.of(resettled, captured, letter)) {
                kafka.transitionOf(caseId, event);
            }
            given().queryParam("q", NAME).get("/api/v1/cases").then().statusCode(200);
            given().queryParam("q", ROMANIZED).get("/api/v1/cases").then().statusCode(200);
            given().get("/api/v1/cases/{id}", caseId).then().statusCode(200);
            given().get("/api/v1/cases/{id}/timeline", caseId).then().statusCode(200);
        }

        List<String> lines = capture.lines();
        String deadLettered = lines.stream().filter(line -> line.contains("is not a message of the contract"))
                .findFirst().orElseThrow(() -> new AssertionError("the capture saw no dead-lettered record"));
        // Logged inside the record's span: the line carries its trace id (mdc.traceId in the JSON of production).
        assertTrue(deadLettered.matches("(?s).*traceId=[0-9a-f]{32}.*"), deadLettered);
        for (String personal : PERSONAL) {
            List<String> leaks = lines.stream().filter(line -> line.contains(personal)).toList();
            assertEquals(List.of(), leaks, "log lines naming '" + personal + "'");
        }

        // The searches' spans: their query string is replaced, so the name is not exported either.
        List<SpanData> searches = await().atMost(CaseEventsOnKafka.WAIT).until(() -> spans.getFinishedSpanItems()
                .stream().filter(s -> s.getKind() == SpanKind.SERVER)
                .filter(s -> "/api/v1/cases".equals(s.getAttributes().get(AttributeKey.stringKey("url.path"))))
                .toList(), found -> found.size() == 2);
        for (SpanData search : searches) {
            assertEquals("redacted", search.getAttributes().get(AttributeKey.stringKey("url.query")));
        }
        for (SpanData span : spans.getFinishedSpanItems()) {
            String all = span.getName() + " " + span.getAttributes() + " " + span.getEvents();
            for (String personal : PERSONAL) {
                assertTrue(!all.contains(personal), () -> "span naming '" + personal + "': " + all);
            }
        }
    }

    /** Every record logged anywhere in the service while it listens, as the text a console handler would print. */
    static final class Capture extends Handler {

        private final List<String> lines = new ArrayList<>();

        Capture() {
            setLevel(Level.ALL);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(record.getLoggerName() + " " + (record instanceof ExtLogRecord ext
                    ? ext.getFormattedMessage() : record.getMessage()));
            if (record instanceof ExtLogRecord ext && ext.getMdc("traceId") != null) {
                line.append(" traceId=").append(ext.getMdc("traceId"));
            }
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    line.append(' ').append(parameter);
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(' ').append(trace);
            }
            lines.add(line.toString());
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
