package org.homeward.intake;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.homeward.events.CaseEventData;
import org.homeward.events.CloudEvent;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.Test;

/**
 * OWASP API Security Top 10 (2023) API3, broken object property level authorization: a caller cannot write a property
 * it may not set. Who reported an event, who submitted it and which organisation owns a case come from the verified
 * token alone; a body that tries to name them is refused, naming the field, and nothing is published.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class PropertyLevelAuthorizationTest {

    /** Properties only the service sets, as a client might try to smuggle them in. */
    private static final List<String> SERVER_OWNED = List.of("reportedBy", "reportedby", "submittedBy",
            "organisation", "ownerOrganisation", "caseId", "eventId");

    @Test
    void api3_anOpeningCannotNameItsOwnerOrReporter() {
        for (String property : SERVER_OWNED) {
            String body = Intake.OPEN.replaceFirst("\\{", "{\"" + property + "\": \"red-cross\", ");
            Intake.partner().body(body).when().post("/api/v1/cases").then().statusCode(422)
                    .contentType("application/problem+json").body("errors.pointer", hasItem("/" + property));
        }
    }

    @Test
    void api3_anEventCannotNameItsReporterAndTheTokensOrganisationIsRecorded() {
        String caseId = Intake.openCase();
        for (String property : List.of("reportedBy", "reportedby", "submittedBy", "organisation")) {
            String body = Intake.CAPTURED.replaceFirst("\\{", "{\"" + property + "\": \"red-cross\", ");
            Intake.partner().body(body).when().post("/api/v1/cases/{id}/events", caseId).then().statusCode(422)
                    .body("errors.pointer", hasItem("/" + property));
        }
        Intake.partner().body(Intake.CAPTURED).when().post("/api/v1/cases/{id}/events", caseId).then()
                .statusCode(202).body("caseId", equalTo(caseId));

        Intake.awaitEvents(caseId, 2);
        List<CloudEvent<CaseEventData>> published = Intake.everything().stream()
                .filter(e -> caseId.equals(e.subject())).toList();
        assertEquals(2, published.size(), "only the opening and the one accepted event were published");
        for (CloudEvent<CaseEventData> event : published) {
            assertEquals(Intake.ORG, event.reportedby(), "the organisation is the token's");
            assertEquals("caseworker-7", event.submittedby(), "the submitter is the token's subject");
        }
    }
}
