package org.homeward.console.cases;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * Who a case is shared with, as case-service answers its owner's admins ({@code GET /api/v1/cases/{caseId}/access}):
 * the owner first, then each organisation it is shared with, with when and by which event. Holds organisation ids,
 * times and event ids only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseAccess(String caseId, String ownerOrganisation, List<Organisation> organisations) {

    public CaseAccess {
        organisations = organisations == null ? List.of() : List.copyOf(organisations);
    }

    /** The organisations other than the owner. */
    public List<Organisation> shares() {
        return organisations.stream().filter(o -> !o.owner()).toList();
    }

    /** One organisation that may see the case. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Organisation(String organisation, boolean owner, Instant grantedAt, Event grantedBy) {
    }

    /** The event that granted the access. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Event(String eventId, String type, Instant occurredAt) {
    }
}
