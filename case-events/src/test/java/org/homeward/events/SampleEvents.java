package org.homeward.events;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One filled-in payload per event type, taken from the seed story. */
final class SampleEvents {

    static final UUID LETTER_EVENT = UUID.fromString("0b5c8a52-3f43-4b8e-9b8a-1f7f5f3c2a10");

    static final Map<EventType, CaseEventData> BY_TYPE = Map.ofEntries(
            Map.entry(EventType.CASE_OPENED, new CaseOpened(Category.NORTH_KOREAN_POW,
                    new Person("리광철", List.of("Ri Gwang-cheol", "Ri Kwang-chol"), 2000, Sex.MALE, "Pyongyang"),
                    "Kursk oblast, Russia", LocalDate.of(2025, 1, 9))),
            Map.entry(EventType.CAPTURED, new Captured("Ukraine", "Kursk front")),
            Map.entry(EventType.LETTER_RECEIVED, new LetterReceived("the person", "Defector organisation",
                    LocalDate.of(2025, 10, 28), LocalDate.of(2025, 11, 12), "ko", "wants to go to the South",
                    "doc-2025-118")),
            Map.entry(EventType.DEFECTION_INTENT_STATED,
                    new DefectionIntentStated("South Korea", IntentMethod.LETTER, LETTER_EVENT)),
            Map.entry(EventType.TRANSFER_REQUESTED, new TransferRequested("Ministry of Unification", "South Korea")),
            Map.entry(EventType.TRANSFERRED, new Transferred("Ukraine", "South Korea")),
            Map.entry(EventType.RESETTLED, new Resettled("Seoul")),
            Map.entry(EventType.RETURNED, new Returned(ReturnMode.ESCAPED, "South Korea")),
            Map.entry(EventType.DEATH_REPORTED, new DeathReported("KCNA", LocalDate.of(2024, 3, 1))),
            Map.entry(EventType.PROOF_OF_LIFE, new ProofOfLife("Red Cross", LocalDate.of(2025, 6, 1))),
            Map.entry(EventType.FAMILY_CONTACT, new FamilyContact(ContactKind.VIDEO_REUNION, "his sister")),
            Map.entry(EventType.NOTE_ADDED, new NoteAdded("met the lawyer")),
            Map.entry(EventType.CASE_CLOSED, new CaseClosed("merged into another case")),
            Map.entry(EventType.CASE_REOPENED, new CaseReopened("opened again after new evidence")),
            Map.entry(EventType.CASE_SHARED, new CaseShared("red-cross", "referred for family tracing")),
            Map.entry(EventType.CASE_UNSHARED, new CaseUnshared("red-cross", "tracing finished")),
            Map.entry(EventType.EVENT_RETRACTED, new EventRetracted(LETTER_EVENT, "reported for the wrong person")),
            Map.entry(EventType.CASE_ERASED, new CaseErased(ErasureReason.CONSENT_WITHDRAWN)));

    private SampleEvents() {
    }
}
