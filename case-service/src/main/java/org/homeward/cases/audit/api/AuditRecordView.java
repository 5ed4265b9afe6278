package org.homeward.cases.audit.api;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.homeward.cases.audit.persistence.AuditLog;

/** One read of a person's case, or one refused, as the audit API shows it. */
@Schema(name = "AuditRecord", description = "One read of a case's data: who, from which organisation, when, how")
public record AuditRecordView(
        @Schema(description = "Increases with every record written") long id,
        @Schema(description = "When the case was read") Instant readAt,
        @Schema(description = "Who read it: the subject of their token (a person or a partner's client)",
                example = "caseworker-7") String subject,
        @Schema(description = "The reader's organisation", example = "partner-ngo") String organisation,
        UUID caseId,
        @Schema(description = "The method and route template read through (never the query, which may hold a name)",
                example = "GET /api/v1/cases/{caseId}/timeline") String endpoint,
        @Schema(description = "SHOWN: the reader was shown the case's data. DENIED: the reader named the case but "
                + "its organisation may not see it (the reader was answered 404, as for a case that does not exist)",
                enumeration = {"SHOWN", "DENIED"}, example = "SHOWN") String outcome) {

    static AuditRecordView of(AuditLog.Entry e) {
        return new AuditRecordView(e.id(), e.readAt(), e.subject(), e.organisation(), e.caseId(), e.endpoint(),
                e.outcome());
    }
}
