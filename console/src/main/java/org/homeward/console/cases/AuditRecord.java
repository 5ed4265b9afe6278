package org.homeward.console.cases;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * One read of a case as case-service's audit API answers it ({@code GET /api/v1/audit}): who (the token's subject),
 * from which organisation, when, through which endpoint. {@link #toString()} prints the id and endpoint only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuditRecord(long id, Instant readAt, String subject, String organisation, String caseId,
        String endpoint) {

    @Override
    public String toString() {
        return "AuditRecord[id=" + id + ", endpoint=" + endpoint + "]";
    }
}
