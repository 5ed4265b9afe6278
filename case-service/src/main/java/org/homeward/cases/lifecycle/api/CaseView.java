package org.homeward.cases.lifecycle.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.homeward.cases.lifecycle.domain.CaseLedger;
import org.homeward.cases.lifecycle.domain.Conflict;
import org.homeward.cases.lifecycle.persistence.CaseRecord;
import org.homeward.events.CaseState;
import org.homeward.events.Category;
import org.homeward.events.EventCodec;
import org.homeward.events.Person;

/** A case as the API shows it. */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record CaseView(
        UUID caseId,
        Category category,
        CaseState state,
        Person person,
        String placeTaken,
        LocalDate dateTaken,
        String ownerOrganisation,
        long version,
        List<Conflict> conflicts,
        Instant openedAt,
        Instant updatedAt) {

    static CaseView of(CaseRecord record) {
        return new CaseView(record.caseId, record.category, record.state,
                EventCodec.fromJson(EventCodec.mapper().valueToTree(parse(record.person)), Person.class),
                record.placeTaken, record.dateTaken, record.ownerOrganisation, record.version,
                CaseLedger.conflicts(record.conflicts), record.openedAt, record.updatedAt);
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
