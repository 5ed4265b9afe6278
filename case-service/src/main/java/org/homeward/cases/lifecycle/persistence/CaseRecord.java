package org.homeward.cases.lifecycle.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.homeward.events.CaseState;
import org.homeward.events.Category;

/**
 * A person's case as stored. Never leaves the service: the API answers {@code CaseView}. Its personal fields hold the
 * stored (sealed) form; CaseLedger seals and opens them (PersonalData).
 */
@Entity
@Table(name = "cases")
public class CaseRecord {

    @Id
    @Column(name = "case_id")
    public UUID caseId;

    @Enumerated(EnumType.STRING)
    public Category category;

    @Enumerated(EnumType.STRING)
    public CaseState state;

    @Enumerated(EnumType.STRING)
    @Column(name = "state_before_close")
    public CaseState stateBeforeClose;

    @Column(name = "owner_organisation")
    public String ownerOrganisation;

    /** The {@code Person} of the contract as JSON, sealed for {@code case:<caseId>:person} (PersonalData). */
    public String person;

    /** Sealed for {@code case:<caseId>:place_taken} (PersonalData). */
    @Column(name = "place_taken")
    public String placeTaken;

    /** The date taken (ISO), sealed for {@code case:<caseId>:date_taken} (PersonalData). */
    @Column(name = "date_taken")
    public String dateTaken;

    /** The year of the date taken, for statistics: derived, not identifying; null when unknown. */
    @Column(name = "year_taken")
    public Integer yearTaken;

    /** Where the person said they want to go, sealed for {@code case:<caseId>:stated_destination} (PersonalData). */
    @Column(name = "stated_destination")
    public String statedDestination;

    /** The earliest reported date of death (ISO), sealed for {@code case:<caseId>:date_of_death} (PersonalData). */
    @Column(name = "date_of_death")
    public String dateOfDeath;

    /** The day of the first death report (ISO), sealed for {@code case:<caseId>:death_reported_on} (PersonalData). */
    @Column(name = "death_reported_on")
    public String deathReportedOn;

    /** The {@code Vitals.Status} the vital claims give, and its date (latest evidence of life, or date of death). */
    @Column(name = "vital_status")
    public String vitalStatus;

    /** A date of death or of life (ISO), sealed for {@code case:<caseId>:vital_status_date} (PersonalData). */
    @Column(name = "vital_status_date")
    public String vitalStatusDate;

    /** A JSON array of {@code VitalClaim}, sealed for {@code case:<caseId>:vital_claims} (PersonalData); null: none. */
    @Column(name = "vital_claims")
    public String vitalClaims;

    /** The {@code Derivation.VERSION} the case was last derived under; null before derivation by occurredAt. */
    @Column(name = "derivation_version")
    public Integer derivationVersion;

    /** A JSON array of {@code Conflict}, sealed for {@code case:<caseId>:conflicts} (PersonalData). */
    public String conflicts;

    @Column(name = "opened_at")
    public Instant openedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    /** The {@code AgeGroup} of the age when taken, for statistics; null when unknown. No birth data is in clear. */
    @Column(name = "age_group_when_taken")
    public String ageGroupWhenTaken;

    /** The {@code NameKeys.VERSION} that computed this case's name keys; null before they were computed. */
    @Column(name = "name_keys_version")
    public Integer nameKeysVersion;

    /** The fingerprint of the index key that computed this case's name keys ({@code NameIndex}). */
    @Column(name = "name_keys_index")
    public String nameKeysIndex;

    @Override
    public String toString() {
        return "CaseRecord[caseId=" + caseId + ", state=" + state + ", version=" + version + "]";
    }
}
