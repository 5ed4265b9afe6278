package org.homeward.cases.audit.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.homeward.cases.audit.domain.Verification;

/** What a check of the audit chain found, as the audit API answers it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "AuditVerification", description = "The audit chain checked: intact, or its first broken link")
public record AuditVerificationView(
        @Schema(description = "true when every record links to the one before it and matches its own hash")
        boolean intact,
        @Schema(description = "Records read, up to and including the first broken one", minimum = "0",
                maximum = "9223372036854775807") long records,
        @Schema(description = "The first broken record's id; absent when the chain is intact", minimum = "1",
                maximum = "9223372036854775807") Long brokenId,
        @Schema(description = "CHANGED: the record's fields are not what was hashed (it was changed). UNLINKED: it "
                + "does not link to the record before it (a record before it was deleted, or it was inserted by hand)",
                enumeration = {"CHANGED", "UNLINKED"}) String problem,
        @Schema(description = "The last record of an intact chain; absent when broken or empty", minimum = "1",
                maximum = "9223372036854775807") Long headId,
        @Schema(description = "The last record's hash (hex SHA-256): keep it to detect a log cut back later",
                minLength = 64, maxLength = 64, pattern = "^[0-9a-f]{64}$") String headHash) {

    static AuditVerificationView of(Verification v) {
        return new AuditVerificationView(v.intact(), v.records(), v.brokenId(),
                v.problem() == null ? null : v.problem().name(), v.headId(), v.headHash());
    }
}
