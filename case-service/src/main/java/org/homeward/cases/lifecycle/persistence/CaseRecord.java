package org.homeward.cases.lifecycle.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.homeward.cases.lifecycle.domain.CaseFacts;
import org.homeward.events.CaseState;
import org.homeward.events.Category;

/** A person's case as stored. Never leaves the service: the API answers {@code CaseView}. */
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

    @Column(name = "date_taken")
    public LocalDate dateTaken;

    @Column(name = "stated_destination")
    public String statedDestination;

    @Column(name = "date_of_death")
    public LocalDate dateOfDeath;

    @Column(name = "death_reported_on")
    public LocalDate deathReportedOn;

    /** The {@code Vitals.Status} the vital claims give, and its date (latest evidence of life, or date of death). */
    @Column(name = "vital_status")
    public String vitalStatus;

    @Column(name = "vital_status_date")
    public LocalDate vitalStatusDate;

    /** A JSON array of {@code VitalClaim}, sealed for {@code case:<caseId>:vital_claims} (PersonalData); null: none. */
    @Column(name = "vital_claims")
    public String vitalClaims;

    /** The {@code Derivation.VERSION} the case was last derived under; null before derivation by occurredAt. */
    @Column(name = "derivation_version")
    public Integer derivationVersion;

    /** A JSON array of {@code Conflict}. */
    @JdbcTypeCode(SqlTypes.JSON)
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

    public CaseFacts facts() {
        return new CaseFacts(state, stateBeforeClose, category, statedDestination, dateOfDeath, deathReportedOn);
    }

    public void setFacts(CaseFacts facts) {
        state = facts.state();
        stateBeforeClose = facts.stateBeforeClose();
        category = facts.category();
        statedDestination = facts.statedDestination();
        dateOfDeath = facts.dateOfDeath();
        deathReportedOn = facts.deathReportedOn();
    }

    @Override
    public String toString() {
        return "CaseRecord[caseId=" + caseId + ", state=" + state + ", version=" + version + "]";
    }
}
