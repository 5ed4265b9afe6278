package org.homeward.console.cases;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A case as case-service answers it ({@code GET /api/v1/cases/{caseId}} and the items of the case list). Values of
 * enumerations are kept as strings, so a value this version does not know yet is shown as it came. Personal data:
 * {@link #toString()} prints the id and state only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseView(
        String caseId,
        String category,
        String state,
        Person person,
        Romanizations hangulNameRomanized,
        String placeTaken,
        LocalDate dateTaken,
        String ownerOrganisation,
        long version,
        String vitalStatus,
        LocalDate vitalStatusDate,
        List<VitalClaim> vitalClaims,
        List<Conflict> conflicts,
        long possibleDuplicates,
        Instant openedAt,
        Instant updatedAt) {

    public CaseView {
        vitalClaims = vitalClaims == null ? List.of() : List.copyOf(vitalClaims);
        conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
        person = person == null ? new Person(null, List.of(), null, null, null) : person;
    }

    /** Who the case is about. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Person(String hangulName, List<String> romanizedNames, Integer birthYear, String sex,
            String placeOfOrigin) {

        public Person {
            romanizedNames = romanizedNames == null ? List.of() : List.copyOf(romanizedNames);
        }

        @Override
        public String toString() {
            return "Person[redacted]";
        }
    }

    /** The Hangul name in Revised Romanization and McCune–Reischauer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Romanizations(String revised, String mccuneReischauer) {
        @Override
        public String toString() {
            return "Romanizations[redacted]";
        }
    }

    /** A claim about whether the person is alive. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VitalClaim(String eventId, String type, String source, String reportedBy, LocalDate date) {
        @Override
        public String toString() {
            return "VitalClaim[eventId=" + eventId + ", type=" + type + "]";
        }
    }

    /** A conflict raised on one of the case's events. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Conflict(String kind, String eventId, String reason, Instant detectedAt) {
        @Override
        public String toString() {
            return "Conflict[kind=" + kind + ", eventId=" + eventId + "]";
        }
    }

    /** The name to show first: the Hangul name, else the first romanised name. */
    public String displayName() {
        if (person.hangulName() != null && !person.hangulName().isBlank()) {
            return person.hangulName();
        }
        return person.romanizedNames().isEmpty() ? "" : person.romanizedNames().get(0);
    }

    /** A romanisation to show in a list: the Revised Romanization of the Hangul name, else a romanised name. */
    public String romanized() {
        if (hangulNameRomanized != null && hangulNameRomanized.revised() != null) {
            return hangulNameRomanized.revised();
        }
        return person.romanizedNames().isEmpty() ? "" : person.romanizedNames().get(0);
    }

    /** The Hangul name in Revised Romanization, or empty. */
    public String rr() {
        return hangulNameRomanized == null || hangulNameRomanized.revised() == null ? ""
                : hangulNameRomanized.revised();
    }

    /** The Hangul name in McCune–Reischauer, or empty. */
    public String mr() {
        return hangulNameRomanized == null || hangulNameRomanized.mccuneReischauer() == null ? ""
                : hangulNameRomanized.mccuneReischauer();
    }

    public String romanizedNamesJoined() {
        return String.join(", ", person.romanizedNames());
    }

    public boolean hasConflicts() {
        return !conflicts.isEmpty();
    }

    @Override
    public String toString() {
        return "CaseView[caseId=" + caseId + ", state=" + state + "]";
    }
}
