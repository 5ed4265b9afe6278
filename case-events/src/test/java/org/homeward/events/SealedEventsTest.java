package org.homeward.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The data of a case event on Kafka, sealed under its case's key: only the envelope can be read without it. */
class SealedEventsTest {

    private static final UUID CASE = UUID.fromString("8d7e6f5a-4b3c-4d2e-9f10-a1b2c3d4e5f6");
    private static final SecretKey KEY = CaseKeyCipher.newKey();

    private static CloudEvent<CaseEventData> event(CaseEventData data) {
        return CloudEvent.caseEvent(UUID.randomUUID(), CASE, "urn:homeward:test", Instant.parse("2026-02-01T06:00:00Z"),
                Instant.parse("2026-02-03T10:15:30Z"), "org-a", "alice", data);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeOpensWithItsCaseKeyAndShowsNothingOfItsDataWithout(EventType type) throws Exception {
        CloudEvent<CaseEventData> event = event(SampleEvents.BY_TYPE.get(type));

        byte[] sealed = EventCodec.encodeSealed(event, KEY);

        assertEquals(event, EventCodec.decodeCaseEvent(sealed, caseId -> KEY));
        assertTrue(EventCodec.isSealed(sealed));
        assertEquals(event.id(), EventCodec.eventId(sealed));
        String wire = new String(sealed, StandardCharsets.UTF_8);
        String clearData = EventCodec.mapper().writeValueAsString(EventCodec.toJson(event.data()));
        // No text of the payload is left on the record; the envelope is all that reads.
        var fields = EventCodec.toJson(event.data()).fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (field.getValue().isTextual() && field.getValue().asText().length() > 3) {
                assertFalse(wire.contains(field.getValue().asText()), field.getKey() + " is in clear: " + wire);
            }
        }
        assertFalse(wire.contains(clearData));
        assertTrue(wire.contains("\"type\":\"" + type.cloudEventType() + "\""), "the envelope still reads");
    }

    @Test
    void theNamesOfTheOpeningAreNotOnTheWire() {
        byte[] sealed = EventCodec.encodeSealed(event(SampleEvents.BY_TYPE.get(EventType.CASE_OPENED)), KEY);
        String wire = new String(sealed, StandardCharsets.UTF_8);

        assertFalse(wire.contains("리광철"));
        assertFalse(wire.contains("Ri Gwang-cheol"));
        assertFalse(wire.contains("Pyongyang"));
        assertFalse(wire.contains("Kursk"));
    }

    @Test
    void aRecordInClearStillReads() {
        CloudEvent<CaseEventData> event = event(new NoteAdded("met the lawyer"));

        assertEquals(event, EventCodec.decodeCaseEvent(EventCodec.encode(event), caseId -> {
            throw new AssertionError("a record in clear needs no key");
        }));
        assertFalse(EventCodec.isSealed(EventCodec.encode(event)));
    }

    @Test
    void aSealedRecordWithoutKeysIsRefusedAsMalformed() {
        byte[] sealed = EventCodec.encodeSealed(event(new NoteAdded("met the lawyer")), KEY);

        assertThrows(MalformedEventException.class, () -> EventCodec.decodeCaseEvent(sealed));
    }

    @Test
    void anotherKeyDoesNotOpenIt() {
        byte[] sealed = EventCodec.encodeSealed(event(new NoteAdded("met the lawyer")), KEY);

        assertThrows(MalformedEventException.class,
                () -> EventCodec.decodeCaseEvent(sealed, caseId -> CaseKeyCipher.newKey()));
    }

    @Test
    void dataMovedToAnotherEventDoesNotOpen() throws Exception {
        byte[] first = EventCodec.encodeSealed(event(new NoteAdded("met the lawyer")), KEY);
        byte[] second = EventCodec.encodeSealed(event(new NoteAdded("something else")), KEY);
        ObjectNode forged = (ObjectNode) EventCodec.mapper().readTree(second);
        forged.set("data", EventCodec.mapper().readTree(first).get("data"));

        assertThrows(MalformedEventException.class, () -> EventCodec.decodeCaseEvent(
                EventCodec.mapper().writeValueAsBytes(forged), caseId -> KEY));
    }

    @Test
    void anErasedCasesRecordSaysSo() {
        byte[] sealed = EventCodec.encodeSealed(event(new NoteAdded("met the lawyer")), KEY);
        ErasedEventException erased = new ErasedEventException(CASE);

        assertSame(erased, assertThrows(ErasedEventException.class, () -> EventCodec.decodeCaseEvent(sealed,
                caseId -> {
                    throw erased;
                })));
    }

    @Test
    void onlyTheErasureTravelsInClear() {
        for (EventType type : EventType.values()) {
            assertEquals(type == EventType.CASE_ERASED, EventCodec.travelsInClear(SampleEvents.BY_TYPE.get(type)),
                    type.name());
        }
    }

    @Test
    void aKeyRecordIsAKeyOrTheMarkOfItsDestruction() {
        CaseKeyRecord key = CaseKeyRecord.key(CASE, "enc:v1:k1:abc");
        CaseKeyRecord gone = CaseKeyRecord.destroyed(CASE);

        assertEquals(key, CaseKeyRecord.decode(key.encode()));
        assertEquals(gone, CaseKeyRecord.decode(gone.encode()));
        assertTrue(CaseKeyRecord.decode(gone.encode()).isDestroyed());
        assertFalse(new String(gone.encode(), StandardCharsets.UTF_8).contains("wrapped"));
        assertThrows(MalformedEventException.class, () -> CaseKeyRecord.decode(
                ("{\"caseId\":\"" + CASE + "\"}").getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedEventException.class, () -> CaseKeyRecord.decode(
                ("{\"caseId\":\"" + CASE + "\",\"wrapped\":\"x\",\"destroyed\":true}").getBytes(StandardCharsets.UTF_8)));
        assertNotEquals(CaseKeyRecord.context(CASE), CaseKeyRecord.context(UUID.randomUUID()));
    }
}
