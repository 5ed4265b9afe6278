package org.homeward.cases.lifecycle.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.homeward.cases.lifecycle.domain.Conflict;
import org.homeward.cases.lifecycle.domain.VitalClaim;
import org.homeward.cases.lifecycle.persistence.CaseRecord;
import org.homeward.cases.search.domain.Romanizer;
import org.homeward.events.CaseState;
import org.homeward.events.Category;
import org.homeward.events.EventCodec;
import org.homeward.events.Person;

/** A case as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Case", description = "A person's case")
public record CaseView(
        UUID caseId,
        Category category,
        CaseState state,
        Person person,
        @Schema(description = "The Hangul name in both romanisation systems, for readers of Latin script")
        Romanizations hangulNameRomanized,
        String placeTaken,
        LocalDate dateTaken,
        String ownerOrganisation,
        @Schema(description = "Goes up by one for every event the case takes") long version,
        @Schema(description = "Whether the person is alive as the dated claims say: UNKNOWN (no claim), ALIVE (evidence "
                + "of life, no death report), REPORTED_DEAD, or DISPUTED (evidence of life dated after a reported "
                + "death, or dates of death more than a year apart). Not the state: see docs/state-machine.md")
        String vitalStatus,
        @Schema(description = "ALIVE: the latest evidence of life; REPORTED_DEAD: the earliest reported date of death; "
                + "DISPUTED: the latest evidence of life, if any")
        LocalDate vitalStatusDate,
        @Schema(description = "The claims behind vitalStatus: death reports, proofs of life, family contacts, letters")
        List<VitalClaim> vitalClaims,
        @Schema(description = "Conflicts raised by events, each on the event it concerns: forced-repatriation risk, "
                + "life after death, unrecognised destination")
        List<Conflict> conflicts,
        @Schema(description = "How many other cases may be the same person (same name in any spelling, birth years "
                + "at most one year apart); see /possible-duplicates")
        long possibleDuplicates,
        Instant openedAt,
        Instant updatedAt) {

    /** A Hangul name in RR and MR. */
    @Schema(name = "Romanizations")
    public record Romanizations(
            @Schema(example = "Gim Gwangwon") String revised,
            @Schema(example = "Kim Kwangwŏn") String mccuneReischauer) {

        @Override
        public String toString() {
            return "Romanizations[redacted]";
        }
    }

    /** The view of a case whose personal fields were opened ({@code PersonalData}). */
    public static CaseView of(CaseRecord record, String personJson, String placeTaken, LocalDate dateTaken,
            LocalDate vitalStatusDate, List<VitalClaim> claims, List<Conflict> conflicts, long possibleDuplicates) {
        Person person = EventCodec.fromJson(parse(personJson), Person.class);
        Romanizations romanized = person.hangulName() == null || person.hangulName().isBlank() ? null
                : new Romanizations(Romanizer.name(person.hangulName(), Romanizer.Scheme.REVISED),
                        Romanizer.name(person.hangulName(), Romanizer.Scheme.MCCUNE_REISCHAUER));
        return new CaseView(record.caseId, record.category, record.state, person, romanized, placeTaken,
                dateTaken, record.ownerOrganisation, record.version, record.vitalStatus, vitalStatusDate,
                claims, conflicts,
                possibleDuplicates, record.openedAt, record.updatedAt);
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return EventCodec.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored person is not readable", e);
        }
    }

    @Override
    public String toString() {
        return "CaseView[caseId=" + caseId + ", state=" + state + "]";
    }
}
