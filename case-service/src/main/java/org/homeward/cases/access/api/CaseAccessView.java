package org.homeward.cases.access.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.homeward.cases.access.domain.SharingList;
import org.homeward.cases.access.persistence.CaseAccess;

/** Who a case is shared with, as the API shows it to the owner's admins. */
@Schema(name = "CaseAccess", description = "The organisations that may see a case: its owner and those it is shared "
        + "with, each with when and by which event")
public record CaseAccessView(
        UUID caseId,
        @Schema(description = "The organisation that opened the case and alone shares it", example = "defector-org")
        String ownerOrganisation,
        @Schema(description = "The owner first, then the others in the order they were granted")
        List<OrganisationAccess> organisations) {

    /** One organisation's access. */
    @Schema(name = "OrganisationAccess", description = "One organisation that may see the case")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrganisationAccess(
            @Schema(example = "red-cross") String organisation,
            @Schema(description = "True for the owner, whose access cannot be revoked") boolean owner,
            @Schema(description = "When the case service took the event that granted it") Instant grantedAt,
            @Schema(description = "The event that granted it: CASE_OPENED for the owner, CASE_SHARED for the others; "
                    + "absent for an owner whose case was stored before events were kept in the timeline")
            GrantingEvent grantedBy) {
    }

    /** The event that granted an organisation access. */
    @Schema(name = "GrantingEvent", description = "The event that granted access")
    public record GrantingEvent(
            UUID eventId,
            @Schema(example = "CASE_SHARED") String type,
            @Schema(description = "When it happened, as its reporter said") Instant occurredAt) {
    }

    static CaseAccessView of(SharingList.Listing listing) {
        return new CaseAccessView(listing.caseId(), listing.owner(), listing.grants().stream()
                .map(g -> new OrganisationAccess(g.organisation(), g.organisation().equals(listing.owner()),
                        g.grantedAt(), event(g)))
                .toList());
    }

    private static GrantingEvent event(CaseAccess.Grant grant) {
        return grant.eventId() == null ? null : new GrantingEvent(grant.eventId(), grant.eventType(),
                grant.occurredAt());
    }
}
