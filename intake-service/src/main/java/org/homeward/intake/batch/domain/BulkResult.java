package org.homeward.intake.batch.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.homeward.support.problem.Problem;

/** The answer to a bulk request: one result per item, in the request's order, and the counts. */
@Schema(name = "BulkResult", description = "One result per item of a bulk request, in the request's order")
public record BulkResult(
        @Schema(description = "Items stored in Kafka", minimum = "0", maximum = "1000") int accepted,
        @Schema(description = "Items refused; nothing of them was published", minimum = "0", maximum = "1000")
        int rejected,
        @Schema(maxItems = 1000) List<ItemResult> items) {

    public static BulkResult of(List<ItemResult> items) {
        int accepted = (int) items.stream().filter(i -> i.status() == ItemStatus.ACCEPTED).count();
        return new BulkResult(accepted, items.size() - accepted, items);
    }

    /** Whether an item was stored. */
    public enum ItemStatus { ACCEPTED, REJECTED }

    /**
     * One item's result: {@code index} is its place in the request (from 0); {@code line} its line in an NDJSON or CSV
     * body (from 1). Accepted items carry their ids; rejected ones a problem whose pointers start with the index
     * ({@code /3/heldBy}) or, for CSV, name the column.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ItemResult")
    public record ItemResult(
            @Schema(minimum = "0", maximum = "999") int index,
            @Schema(description = "Line of the item in an NDJSON or CSV body, from 1", minimum = "1",
                    maximum = "100000000") Integer line,
            ItemStatus status,
            @Schema(description = "The case (accepted items, and rejected ones whose case is known)") UUID caseId,
            @Schema(description = "The stored event (accepted items only)") UUID eventId,
            @Schema(description = "Why the item was refused (rejected items only)") Problem problem) {

        public static ItemResult accepted(int index, Integer line, UUID caseId, UUID eventId) {
            return new ItemResult(index, line, ItemStatus.ACCEPTED, caseId, eventId, null);
        }

        public static ItemResult rejected(int index, Integer line, UUID caseId, Problem problem) {
            return new ItemResult(index, line, ItemStatus.REJECTED, caseId, null, problem);
        }
    }
}
