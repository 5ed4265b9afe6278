package org.homeward.cases.protection.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.UUID;
import org.homeward.support.crypto.FieldCipher;

/**
 * Seals and opens the personal data the case service stores, explicitly, in the persistence layer: the person (names,
 * birth year, sex, place of origin), the place and date taken, the stated destination, the dates of death, the vital
 * claims and the conflicts of a case, and the fields and reasons of every timeline entry (letter summaries, notes,
 * places...). Each value is bound to its row and column by the associated data of AES-GCM
 * ({@link #person}, {@link #placeTaken}, {@link #timelineData}), so a ciphertext copied to another case or column does
 * not open.
 *
 * <p>Why explicit and not a JPA {@code AttributeConverter}: a converter sees the value but not the row's id, so it
 * cannot bind the ciphertext to its row. The code that writes a row (CaseLedger) knows the id and seals here; the code
 * that shows a row (CaseViews, the timeline) opens here. Entities hold the stored (sealed) form only.
 *
 * <p>Where the case is known, values are sealed under the case's own key ({@link CaseKeys}; {@link #seal(UUID, String,
 * String)}, stored form {@code enc:v2:case:...}): erasing the case destroys that key, and with it every value sealed
 * under it. {@link #seal(String, String)} seals under the service's key ring ({@code enc:v1:<keyId>:...}). Both forms
 * open with {@link #open(UUID, String, String)}; the stored form says which key it needs.
 *
 * <p>A value that is not in a sealed form is plaintext written before encryption existed: it reads as it is, and
 * {@code KeyRotation} seals it under its case's key at the next pass (start-up, then on a schedule), as it moves the
 * values the ring sealed before case keys existed.
 */
@ApplicationScoped
public class PersonalData {

    /** Every value sealed by the key ring starts with this (FieldCipher's stored form). */
    public static final String SEALED_PREFIX = "enc:v1:";

    @Inject
    EventKeys eventKeys;

    @Inject
    FieldCipher cipher;

    @Inject
    CaseKeys caseKeys;

    /** The context of {@code cases.person} of a case. */
    public static String person(UUID caseId) {
        return "case:" + caseId + ":person";
    }

    /** The context of {@code cases.place_taken} of a case. */
    public static String placeTaken(UUID caseId) {
        return "case:" + caseId + ":place_taken";
    }

    /** The context of {@code timeline_entries.data} of an event. */
    public static String timelineData(UUID eventId) {
        return "timeline:" + eventId + ":data";
    }

    /** The context of {@code cases.vital_claims} of a case. */
    public static String vitalClaims(UUID caseId) {
        return "case:" + caseId + ":vital_claims";
    }

    /** The context of {@code timeline_entries.retraction_reason} of an event. */
    public static String retractionReason(UUID eventId) {
        return "timeline:" + eventId + ":retraction_reason";
    }

    /** The context of {@code cases.stated_destination} of a case: where the person said they want to go. */
    public static String statedDestination(UUID caseId) {
        return "case:" + caseId + ":stated_destination";
    }

    /** The context of {@code cases.date_taken} of a case. */
    public static String dateTaken(UUID caseId) {
        return "case:" + caseId + ":date_taken";
    }

    /** The context of {@code cases.date_of_death} of a case: the earliest reported date of death. */
    public static String dateOfDeath(UUID caseId) {
        return "case:" + caseId + ":date_of_death";
    }

    /** The context of {@code cases.death_reported_on} of a case: the day the first death report happened. */
    public static String deathReportedOn(UUID caseId) {
        return "case:" + caseId + ":death_reported_on";
    }

    /** The context of {@code cases.vital_status_date} of a case: a date of death, or of the latest sign of life. */
    public static String vitalStatusDate(UUID caseId) {
        return "case:" + caseId + ":vital_status_date";
    }

    /** The context of {@code cases.conflicts} of a case: its conflicts, whose reasons quote destinations and dates. */
    public static String conflicts(UUID caseId) {
        return "case:" + caseId + ":conflicts";
    }

    /** The context of {@code timeline_entries.reason} of an event: why it was rejected or what it raised. */
    public static String timelineReason(UUID eventId) {
        return "timeline:" + eventId + ":reason";
    }

    /** The context of {@code held_events.payload} of an event waiting behind a case on hold. */
    public static String heldEvent(UUID eventId) {
        return "held:" + eventId + ":payload";
    }

    /** Whether a stored value is sealed by the key ring ({@code enc:v1:}). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(SEALED_PREFIX);
    }

    /** Whether a stored value is sealed under its case's key ({@code enc:v2:case:}). */
    public static boolean isCaseSealed(String stored) {
        return CaseKeys.isCaseSealed(stored);
    }

    /** The stored form of {@code plaintext} for {@code context}, sealed by the service's key ring. */
    public String seal(String plaintext, String context) {
        return cipher.seal(plaintext, context);
    }

    /**
     * The plaintext of a value sealed by the key ring; plaintext from before encryption reads as it is until it is
     * sealed. A value sealed under a case key needs its case: {@link #open(UUID, String, String)}.
     */
    public String open(String stored, String context) {
        if (isCaseSealed(stored)) {
            throw new IllegalStateException("a value sealed under a case key opens with its case id");
        }
        return stored == null || !isSealed(stored) ? stored : cipher.open(stored, context);
    }

    /** The stored form of a date (ISO {@code YYYY-MM-DD}, sealed); null for null. */
    public String sealDate(LocalDate date, String context) {
        return date == null ? null : seal(date.toString(), context);
    }

    /** The date a stored value holds (sealed, or an ISO date stored before it was sealed); null for null. */
    public LocalDate openDate(String stored, String context) {
        String opened = open(stored, context);
        return opened == null ? null : LocalDate.parse(opened);
    }

    /**
     * The stored form of {@code plaintext} for {@code context}, sealed under the key of case {@code caseId} (made in
     * the caller's transaction if the case has none yet). Throws {@link CaseKeys.Destroyed} for an erased case.
     */
    public String seal(UUID caseId, String plaintext, String context) {
        return caseKeys.seal(caseId, plaintext, context);
    }

    /**
     * The plaintext of a value of case {@code caseId}, whichever key sealed it: the case's key, the key ring (values
     * from before case keys, until KeyRotation moved them), or none (plaintext from before encryption). Throws
     * {@link CaseKeys.Destroyed} for a value whose case key was destroyed.
     */
    public String open(UUID caseId, String stored, String context) {
        return isCaseSealed(stored) ? caseKeys.open(caseId, stored, context) : open(stored, context);
    }

    /**
     * Destroys the keys of an erased case, in the caller's transaction: its own key (every value sealed under it is
     * lost) and the key its records on case-events are sealed under.
     */
    public boolean destroyKey(UUID caseId) {
        eventKeys.destroy(caseId);
        return caseKeys.destroy(caseId);
    }

    public FieldCipher cipher() {
        return cipher;
    }
}
