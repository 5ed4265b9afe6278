package org.homeward.intake;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.homeward.events.CaseEventData;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventRetracted;
import org.homeward.events.EventType;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.Test;

/**
 * EVENT_RETRACTED is checked at the door against intake's event registry (learned from case-events): only an event of
 * the same case that intake has read back, not a retraction nor a sharing event, not retracted already, and only by
 * the event's reporter or the owner's admin. Every refusal is a problem naming {@code /eventId} and publishes
 * nothing; in a batch, each item is answered on its own.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class RetractionTest {

    private static final String PROBLEMS = "https://homeward.org/problems/";

    private static RequestSpecification with(String organisation, String... roles) {
        return given().contentType(ContentType.JSON)
                .auth().oauth2(HomewardTestStack.token(organisation, "someone-at-" + organisation, roles));
    }

    private static String openCase(String organisation) {
        return with(organisation, "reporter").body(Intake.OPEN).when().post("/api/v1/cases")
                .then().statusCode(202).extract().path("caseId");
    }

    /** Reports an event and waits until intake has read it back from case-events (so that it may be retracted). */
    private static String report(String organisation, String caseId, String body) {
        String eventId = with(organisation, "reporter").body(body).when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(202).extract().path("eventId");
        awaitKnown(eventId);
        return eventId;
    }

    private static String retraction(String eventId) {
        return "{\"type\": \"EVENT_RETRACTED\", \"occurredAt\": \"2026-02-02T08:00:00Z\", \"eventId\": \"" + eventId
                + "\", \"reason\": \"reported for the wrong person\"}";
    }

    private static Response retract(RequestSpecification as, String caseId, String eventId) {
        return as.body(retraction(eventId)).when().post("/api/v1/cases/{id}/events", caseId);
    }

    /** Asserts a refusal: its status, problem type and field, as problem+json without internals. */
    private static ValidatableResponse refused(Response response, int status, String type, String pointer) {
        return response.then().statusCode(status).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + type))
                .body("status", equalTo(status))
                .body("errors.size()", equalTo(1))
                .body("errors[0].pointer", equalTo(pointer))
                .body(not(containsString("Exception")))
                .body(not(containsString("at org.")));
    }

    private static String share(String organisation) {
        return "{\"type\": \"CASE_SHARED\", \"occurredAt\": \"2026-02-01T09:00:00Z\", \"organisation\": \""
                + organisation + "\", \"reason\": \"referral\"}";
    }

    /** Shares the case with {@code foreign} and waits until intake lets it report (it has read the share back). */
    private static String shareWith(String owner, String caseId, String foreign) {
        String shareId = with(owner, "admin").body(share(foreign)).when().post("/api/v1/cases/{id}/events", caseId)
                .then().statusCode(202).extract().path("eventId");
        awaitKnown(shareId);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> sharedWith(caseId, foreign));
        return shareId;
    }

    @Test
    void itsReporterRetractsAKnownEventOfTheCaseAndTheRetractionIsPublished() {
        String org = "reporter-" + UUID.randomUUID();
        String caseId = openCase(org);
        String captured = report(org, caseId, Intake.CAPTURED);

        String retractionId = retract(with(org, "reporter"), caseId, captured)
                .then().statusCode(202).body("caseId", equalTo(caseId)).extract().path("eventId");

        CloudEvent<CaseEventData> published = Intake.awaitEvents(caseId, 3).get(2);
        assertEquals(UUID.fromString(retractionId), published.id());
        assertEquals(EventType.EVENT_RETRACTED, published.data().type());
        assertEquals(new EventRetracted(UUID.fromString(captured), "reported for the wrong person"), published.data());
        assertEquals(org, published.reportedby());
        // intake learns the retraction from case-events too: the event is marked retracted by it
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> retractedBy(captured) != null);
        assertEquals(retractionId, retractedBy(captured));
        assertEquals(3, Intake.publishedFor(caseId));
    }

    @Test
    void theOwnersAdminRetractsAnEventAnotherOrganisationReported() {
        String owner = "owner-" + UUID.randomUUID();
        String foreign = "foreign-" + UUID.randomUUID();
        String caseId = openCase(owner);
        shareWith(owner, caseId, foreign);
        String theirs = report(foreign, caseId, Intake.CAPTURED);

        retract(with(owner, "admin"), caseId, theirs).then().statusCode(202);

        CloudEvent<CaseEventData> published = Intake.awaitEvents(caseId, 4).get(3);
        assertEquals(new EventRetracted(UUID.fromString(theirs), "reported for the wrong person"), published.data());
        assertEquals(owner, published.reportedby());
        assertEquals(4, Intake.publishedFor(caseId));
    }

    @Test
    void anUnknownEventAndAnEventOfAnotherCaseGetTheSame422AndNothingIsPublished() {
        String org = "reporter-" + UUID.randomUUID();
        String caseId = openCase(org);
        String otherCase = openCase(org);
        String ofTheOtherCase = report(org, otherCase, Intake.CAPTURED);
        awaitKnown(Intake.awaitEvents(caseId, 1).get(0).id().toString());

        Response unknown = retract(with(org, "reporter"), caseId, UUID.randomUUID().toString());
        Response elsewhere = retract(with(org, "reporter"), caseId, ofTheOtherCase);

        refused(unknown, 422, "unknown-event", "/eventId");
        refused(elsewhere, 422, "unknown-event", "/eventId");
        assertEquals(unknown.asString(), elsewhere.asString(), "another case's event answers like an unknown one");
        assertEquals(1, Intake.publishedFor(caseId), "nothing published for the refused retractions");
        assertEquals(2, Intake.publishedFor(otherCase));
    }

    @Test
    void aRetractionASharingEventAndTheOpeningCannotBeRetracted() {
        String owner = "owner-" + UUID.randomUUID();
        String foreign = "foreign-" + UUID.randomUUID();
        var opened = with(owner, "reporter").body(Intake.OPEN).when().post("/api/v1/cases")
                .then().statusCode(202).extract();
        String caseId = opened.path("caseId");
        String openingId = opened.path("eventId");
        awaitKnown(openingId);
        String shareId = shareWith(owner, caseId, foreign);
        String captured = report(owner, caseId, Intake.CAPTURED);
        String retractionId = retract(with(owner, "reporter"), caseId, captured)
                .then().statusCode(202).extract().path("eventId");
        awaitKnown(retractionId);

        refused(retract(with(owner, "reporter"), caseId, retractionId), 422, "event-not-retractable", "/eventId")
                .body("errors[0].detail", equalTo("is a retraction"));
        refused(retract(with(owner, "admin"), caseId, shareId), 422, "event-not-retractable", "/eventId")
                .body("errors[0].detail", equalTo("is a sharing event"));
        refused(retract(with(owner, "admin"), caseId, openingId), 422, "event-not-retractable", "/eventId")
                .body("errors[0].detail", equalTo("is the case's opening"));
        assertEquals(4, Intake.publishedFor(caseId), "nothing published for the refused retractions");
        assertNull(retractedBy(retractionId));
    }

    @Test
    void anEventAlreadyRetractedAnswers409OnceTheFirstRetractionHasBeenReadBack() {
        String org = "reporter-" + UUID.randomUUID();
        String caseId = openCase(org);
        String captured = report(org, caseId, Intake.CAPTURED);
        String first = retract(with(org, "reporter"), caseId, captured).then().statusCode(202)
                .extract().path("eventId");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> first.equals(retractedBy(captured)));

        refused(retract(with(org, "reporter"), caseId, captured), 409, "conflict", "/eventId")
                .body("errors[0].detail", equalTo("was already retracted"));
        // the owner's admin is refused alike: an event is retracted once
        refused(retract(with(org, "admin"), caseId, captured), 409, "conflict", "/eventId");
        assertEquals(3, Intake.publishedFor(caseId), "nothing published for the refused retractions");
    }

    @Test
    void onlyTheEventsReporterOrTheOwnersAdminMayRetractIt() {
        String owner = "owner-" + UUID.randomUUID();
        String foreign = "foreign-" + UUID.randomUUID();
        String stranger = "stranger-" + UUID.randomUUID();
        String caseId = openCase(owner);
        shareWith(owner, caseId, foreign);
        String ownersEvent = report(owner, caseId, Intake.CAPTURED);
        String foreignEvent = report(foreign, caseId, "{\"type\": \"NOTE_ADDED\", "
                + "\"occurredAt\": \"2026-02-02T09:00:00Z\", \"text\": \"met him\"}");

        // a shared organisation may not take back the owner's event, with either role
        refused(retract(with(foreign, "reporter"), caseId, ownersEvent), 403, "forbidden", "/eventId");
        refused(retract(with(foreign, "admin"), caseId, ownersEvent), 403, "forbidden", "/eventId");
        // the owner's reporter may not take back the shared organisation's event (its admin may)
        refused(retract(with(owner, "reporter"), caseId, foreignEvent), 403, "forbidden", "/eventId");
        // an admin of the event's own organisation that does not own the case may not either
        refused(retract(with(foreign, "admin"), caseId, foreignEvent), 403, "forbidden", "/eventId");
        // an organisation that may not see the case learns nothing: 404 as for a case that does not exist
        retract(with(stranger, "reporter"), caseId, ownersEvent).then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "case-not-found"));
        // a token with neither role is refused before the body is looked at
        retract(with(owner, "advocate"), caseId, ownersEvent).then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "forbidden"));
        assertEquals(4, Intake.publishedFor(caseId), "nothing published for the refused retractions");
        assertNull(retractedBy(ownersEvent));
        assertNull(retractedBy(foreignEvent));
    }

    @Test
    void inABatchEachRetractionIsAnsweredOnItsOwn() {
        String org = "reporter-" + UUID.randomUUID();
        String caseId = openCase(org);
        String otherCase = openCase(org);
        String captured = report(org, caseId, Intake.CAPTURED);
        String ofTheOtherCase = report(org, otherCase, Intake.CAPTURED);

        String batch = "[" + String.join(",", List.of(
                item(caseId, retraction(captured)),
                item(caseId, retraction(UUID.randomUUID().toString())),
                item(caseId, retraction(captured)),
                item(caseId, retraction(ofTheOtherCase)),
                item(caseId, "{\"type\": \"NOTE_ADDED\", \"occurredAt\": \"2026-02-02T09:00:00Z\", "
                        + "\"text\": \"after the retraction\"}"))) + "]";
        String retractionId = with(org, "reporter").body(batch).when().post("/api/v1/events:batch")
                .then().statusCode(200).body("accepted", equalTo(2)).body("rejected", equalTo(3))
                .body("items[0].status", equalTo("ACCEPTED"))
                .body("items[1].status", equalTo("REJECTED"))
                .body("items[1].problem.type", equalTo(PROBLEMS + "unknown-event"))
                .body("items[1].problem.status", equalTo(422))
                .body("items[1].problem.errors[0].pointer", equalTo("/1/eventId"))
                .body("items[2].problem.type", equalTo(PROBLEMS + "conflict"))
                .body("items[2].problem.status", equalTo(409))
                .body("items[2].problem.errors[0].pointer", equalTo("/2/eventId"))
                .body("items[3].problem.type", equalTo(PROBLEMS + "unknown-event"))
                .body("items[3].problem.errors[0].pointer", equalTo("/3/eventId"))
                .body("items[4].status", equalTo("ACCEPTED"))
                .extract().path("items[0].eventId");

        List<CloudEvent<CaseEventData>> events = Intake.awaitEvents(caseId, 4);
        assertEquals(UUID.fromString(retractionId), events.get(2).id());
        assertEquals(new EventRetracted(UUID.fromString(captured), "reported for the wrong person"),
                events.get(2).data());
        assertEquals(EventType.NOTE_ADDED, events.get(3).data().type());
        assertEquals(4, Intake.publishedFor(caseId), "only the accepted items were published");
        assertEquals(2, Intake.publishedFor(otherCase));

        // once the retraction is read back, a batch retracting the event again is refused for that item
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> retractionId.equals(retractedBy(captured)));
        with(org, "reporter").body("[" + item(caseId, retraction(captured)) + "]").when().post("/api/v1/events:batch")
                .then().statusCode(200).body("rejected", equalTo(1))
                .body("items[0].problem.type", equalTo(PROBLEMS + "conflict"))
                .body("items[0].problem.errors[0].pointer", equalTo("/0/eventId"));
        assertEquals(4, Intake.publishedFor(caseId));
    }

    private static String item(String caseId, String event) {
        return "{\"caseId\": \"" + caseId + "\", " + event.substring(1);
    }

    private static void awaitKnown(String eventId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> known(eventId));
    }

    private static boolean known(String eventId) {
        return query("select 'known' from case_events where event_id = ?::uuid", eventId) != null;
    }

    /** The retraction that took the event back, as intake's registry knows it; null while it stands. */
    private static String retractedBy(String eventId) {
        return query("select retracted_by_event::text from case_events where event_id = ?::uuid", eventId);
    }

    private static boolean sharedWith(String caseId, String organisation) {
        return query("select organisation from case_shares where case_id = ?::uuid and organisation = ?", caseId,
                organisation) != null;
    }

    /** The first column of the first row the query answers, or null. */
    private static String query(String sql, String... parameters) {
        try (Connection db = connect(); PreparedStatement select = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("intake's database could not be read", e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(HomewardTestStack.jdbcUrl("intake"), HomewardTestStack.databaseUser(),
                HomewardTestStack.databasePassword());
    }
}
