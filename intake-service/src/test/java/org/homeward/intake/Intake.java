package org.homeward.intake;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.homeward.events.CaseEventData;
import org.homeward.events.CloudEvent;
import org.homeward.events.ErasedEventException;
import org.homeward.events.EventCodec;
import org.homeward.intake.publishing.CaseEventKeys;
import org.homeward.events.Topics;
import org.homeward.stack.HomewardTestStack;
import org.homeward.stack.TopicProbe;

/** What intake's component tests share: requests as a partner sends them, and a probe of case-events. */
final class Intake {

    static final String ORG = "defector-org";
    static final String OPEN = """
            {"occurredAt": "2025-01-09T06:00:00Z", "category": "NORTH_KOREAN_POW",
             "person": {"hangulName": "리광철", "romanizedNames": ["Ri Gwang-cheol"], "birthYear": 2000, "sex": "MALE"},
             "placeTaken": "Kursk oblast, Russia", "dateTaken": "2025-01-09"}""";
    static final String CAPTURED = """
            {"type": "CAPTURED", "occurredAt": "2025-01-09T06:00:00Z", "heldBy": "Ukraine", "location": "Kursk front"}""";

    private static TopicProbe probe;

    private Intake() {
    }

    static synchronized TopicProbe events() {
        if (probe == null) {
            probe = new TopicProbe(HomewardTestStack.kafkaBootstrapServers(), Topics.CASE_EVENTS);
            Runtime.getRuntime().addShutdownHook(new Thread(probe::close));
        }
        return probe;
    }

    static RequestSpecification partner() {
        return as(ORG, "caseworker-7");
    }

    /** A request as someone at {@code organisation} with the reporter role (a signed bearer token). */
    static RequestSpecification as(String organisation, String user) {
        return given().contentType(ContentType.JSON)
                .auth().oauth2(HomewardTestStack.token(organisation, user, "reporter"));
    }

    /** Opens a case and answers its id. */
    static String openCase() {
        return partner().body(OPEN).when().post("/api/v1/cases").then().statusCode(202).extract().path("caseId");
    }

    /** The case's events in case-events, decoded, once at least {@code count} are there. */
    static List<CloudEvent<CaseEventData>> awaitEvents(String caseId, int count) {
        List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(60))
                .until(() -> events().records(caseId), r -> r.size() >= count);
        return records.stream().map(r -> decode(r.value())).toList();
    }

    /** A record of case-events opened with intake's own case keys (its data is sealed on the wire). */
    static CloudEvent<CaseEventData> decode(byte[] record) {
        return EventCodec.decodeCaseEvent(record, Arc.container().instance(CaseEventKeys.class).get()::of);
    }

    /** Everything case-events holds now, decoded (but the records of erased cases, which no longer open). */
    static List<CloudEvent<CaseEventData>> everything() {
        List<CloudEvent<CaseEventData>> events = new java.util.ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : events().recordsToEnd(Duration.ofSeconds(60))) {
            try {
                events.add(decode(record.value()));
            } catch (ErasedEventException erased) {
                // its case was erased: nothing of it reads any more
            }
        }
        return events;
    }

    /** Proves that case-events holds no record of these cases now (read to the end of every partition). */
    static void assertNothingPublishedFor(Collection<String> caseIds) {
        Set<String> keys = Set.copyOf(caseIds);
        List<String> found = events().recordsToEnd(Duration.ofSeconds(60)).stream().map(ConsumerRecord::key)
                .filter(keys::contains).toList();
        assertEquals(List.of(), found, "records published for refused requests");
    }

    /** How many records of the case case-events holds now (read to the end of every partition). */
    static long publishedFor(String caseId) {
        return events().recordsToEnd(Duration.ofSeconds(60)).stream().filter(r -> caseId.equals(r.key())).count();
    }

    /** How many records case-events holds now. */
    static int published() {
        return events().recordsToEnd(Duration.ofSeconds(60)).size();
    }

    static String newKey() {
        return UUID.randomUUID().toString();
    }
}
