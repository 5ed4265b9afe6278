package org.homeward.events;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every case event type: its wire name (the {@code type} partners send), its payload record, its versioned
 * CloudEvents type ({@code org.homeward.case.captured.v1}) and its default urgency for advocates.
 */
public enum EventType {
    CASE_OPENED(CaseOpened.class, "opened", Urgency.NORMAL),
    CAPTURED(Captured.class, "captured", Urgency.HIGH),
    LETTER_RECEIVED(LetterReceived.class, "letter-received", Urgency.NORMAL),
    DEFECTION_INTENT_STATED(DefectionIntentStated.class, "defection-intent-stated", Urgency.HIGH),
    TRANSFER_REQUESTED(TransferRequested.class, "transfer-requested", Urgency.HIGH),
    TRANSFERRED(Transferred.class, "transferred", Urgency.HIGH),
    RESETTLED(Resettled.class, "resettled", Urgency.NORMAL),
    RETURNED(Returned.class, "returned", Urgency.HIGH),
    DEATH_REPORTED(DeathReported.class, "death-reported", Urgency.HIGH),
    PROOF_OF_LIFE(ProofOfLife.class, "proof-of-life", Urgency.NORMAL),
    FAMILY_CONTACT(FamilyContact.class, "family-contact", Urgency.NORMAL),
    NOTE_ADDED(NoteAdded.class, "note-added", Urgency.LOW),
    CASE_CLOSED(CaseClosed.class, "closed", Urgency.NORMAL),
    CASE_REOPENED(CaseReopened.class, "reopened", Urgency.NORMAL),
    CASE_SHARED(CaseShared.class, "shared", Urgency.NORMAL),
    CASE_UNSHARED(CaseUnshared.class, "unshared", Urgency.NORMAL),
    EVENT_RETRACTED(EventRetracted.class, "event-retracted", Urgency.HIGH),
    CASE_ERASED(CaseErased.class, "erased", Urgency.HIGH);

    /** The version every type is at today; a breaking change to one payload adds a v2 type beside it. */
    public static final int VERSION = 1;
    private static final String PREFIX = "org.homeward.case.";

    private static final Map<Class<?>, EventType> BY_CLASS =
            Arrays.stream(values()).collect(Collectors.toMap(t -> t.payloadType, Function.identity()));
    private static final Map<String, EventType> BY_CE_TYPE =
            Arrays.stream(values()).collect(Collectors.toMap(EventType::cloudEventType, Function.identity()));
    private static final Map<String, EventType> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toMap(Enum::name, Function.identity()));

    private final Class<? extends CaseEventData> payloadType;
    private final String slug;
    private final Urgency defaultUrgency;

    EventType(Class<? extends CaseEventData> payloadType, String slug, Urgency defaultUrgency) {
        this.payloadType = payloadType;
        this.slug = slug;
        this.defaultUrgency = defaultUrgency;
    }

    public Class<? extends CaseEventData> payloadType() {
        return payloadType;
    }

    /** e.g. {@code org.homeward.case.defection-intent-stated.v1}. */
    public String cloudEventType() {
        return PREFIX + slug + ".v" + VERSION;
    }

    /** The file name stem of this type's JSON Schema under docs/events/schemas. */
    public String schemaName() {
        return slug + ".v" + VERSION;
    }

    public Urgency defaultUrgency() {
        return defaultUrgency;
    }

    public static EventType of(Class<?> payloadType) {
        EventType type = BY_CLASS.get(payloadType);
        if (type == null) {
            throw new IllegalArgumentException("not a case event payload: " + payloadType.getSimpleName());
        }
        return type;
    }

    /** The type a partner names in {@code type}, e.g. {@code CAPTURED}; case-insensitive. */
    public static Optional<EventType> fromWireName(String name) {
        // Clean text only: trim() would drop a control character at either end and read "\u0000CAPTURED" as CAPTURED.
        return name == null || !org.homeward.events.validation.Texts.isClean(name) ? Optional.empty()
                : Optional.ofNullable(BY_NAME.get(name.trim().toUpperCase(Locale.ROOT)));
    }

    public static Optional<EventType> fromCloudEventType(String ceType) {
        return Optional.ofNullable(BY_CE_TYPE.get(ceType));
    }

    /** Every wire name, for error messages that list the valid ones. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
