package org.homeward.intake.batch.api;

import jakarta.ws.rs.core.Response;
import org.homeward.intake.batch.domain.BulkResult;

/** How a bulk request is answered: 200 with every item's result; Retry-After when Kafka refused some of them. */
public final class BulkAnswer {

    static final int RETRY_AFTER_SECONDS = 5;

    private BulkAnswer() {
    }

    public static Response of(BulkResult result) {
        Response.ResponseBuilder response = Response.ok(result);
        boolean retryable = result.items().stream()
                .anyMatch(i -> i.problem() != null && i.problem().status() == 503);
        if (retryable) {
            response.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        }
        return response.build();
    }
}
