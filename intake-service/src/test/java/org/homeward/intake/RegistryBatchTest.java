package org.homeward.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homeward.events.CaseErased;
import org.homeward.events.CaseOpened;
import org.homeward.events.Category;
import org.homeward.events.Person;
import org.homeward.events.CaseEventData;
import org.homeward.events.CaseShared;
import org.homeward.events.ErasureReason;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventRetracted;
import org.homeward.events.NoteAdded;
import org.homeward.intake.registry.domain.CaseRegistry;
import org.homeward.intake.registry.domain.CaseRegistry.KnownEvent;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.Test;

/**
 * Intake's event registry takes a poll of case-events together (one transaction, batched inserts) and ends exactly
 * where one event at a time would: runs of events recorded, each retraction applied where it stands in the order,
 * duplicates changing nothing. Against the real database.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class RegistryBatchTest {

    @Inject
    CaseRegistry registry;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    private static CloudEvent<CaseEventData> event(UUID caseId, CaseEventData data) {
        return CloudEvent.caseEvent(UUID.randomUUID(), caseId, "test", Instant.now(), Instant.now(), Intake.ORG,
                "someone", data);
    }

    /** The case registry learns a poll's openings, shares and erasures together, in their order. */
    @Test
    void aPollWithAnOpeningAShareAndAnErasureLeavesTheCaseOpenedSharedAndErased() throws Exception {
        UUID caseId = UUID.randomUUID();
        CloudEvent<CaseEventData> opened = event(caseId, new CaseOpened(Category.DEFECTOR,
                new Person("김광원", List.of(), 1990, null, null), null, null));
        CloudEvent<CaseEventData> shared = event(caseId, new CaseShared("partner-org", null));
        CloudEvent<CaseEventData> note = event(caseId, new NoteAdded("a"));
        CloudEvent<CaseEventData> erased = event(caseId, new CaseErased(ErasureReason.CONSENT_WITHDRAWN));

        registry.learnAll(List.of(opened, shared, note, erased));

        assertEquals(Intake.ORG, registry.find(caseId).orElseThrow().ownerOrganisation);
        assertEquals(java.util.Optional.of(erased.id()), registry.erasure(caseId), "the erasure is learned in a poll");
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(
                "select organisation from case_shares where case_id = ?")) {
            query.setObject(1, caseId);
            try (var rows = query.executeQuery()) {
                assertTrue(rows.next());
                assertEquals("partner-org", rows.getString(1), "the share is learned too");
            }
        }
    }

    @Test
    void aPollEndsAsOneEventAtATimeWould() {
        UUID caseId = UUID.randomUUID();
        CloudEvent<CaseEventData> a = event(caseId, new NoteAdded("a"));
        CloudEvent<CaseEventData> b = event(caseId, new NoteAdded("b"));
        CloudEvent<CaseEventData> c = event(caseId, new NoteAdded("c"));
        CloudEvent<CaseEventData> retractA = event(caseId, new EventRetracted(a.id(), "sent in error"));
        // A retraction that arrives before the event it names retracts nothing, one at a time as well as here.
        CloudEvent<CaseEventData> retractC = event(caseId, new EventRetracted(c.id(), "sent in error"));

        registry.learnEvents(List.of(a, b, retractA, a, retractC, c, b));

        Map<UUID, KnownEvent> known = registry.events(List.of(a.id(), b.id(), c.id(), retractA.id(), retractC.id()));
        assertEquals(5, known.size(), "every event recorded once");
        assertEquals(retractA.id(), known.get(a.id()).retractedBy(), "retracted by the retraction after it");
        assertNull(known.get(b.id()).retractedBy());
        assertNull(known.get(c.id()).retractedBy(), "the retraction before it found nothing to retract");
        assertEquals("EVENT_RETRACTED", known.get(retractA.id()).type());

        // A poll delivered again (a crash before its offsets were committed) changes nothing.
        registry.learnEvents(List.of(a, b, retractA, a, b));
        assertEquals(known, registry.events(List.of(a.id(), b.id(), c.id(), retractA.id(), retractC.id())));
    }
}
