package org.homeward.intake.batch.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.homeward.intake.batch.domain.BatchIntake;
import org.homeward.intake.batch.domain.BulkResult;
import org.homeward.intake.submission.api.CaseIntakeResource;
import org.homeward.support.identity.CurrentCaller;

/** Many events in one request: a JSON array or NDJSON, answered item by item. */
@Path("/api/v1/events:batch")
public class BatchResource {

    public static final String NDJSON = "application/x-ndjson";

    @Inject
    BatchIntake batch;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes({MediaType.APPLICATION_JSON, NDJSON})
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(String body, @HeaderParam("Content-Type") String contentType,
            @HeaderParam(CaseIntakeResource.IDEMPOTENCY_KEY_HEADER) String idempotencyKey) {
        var reporter = caller.require();
        boolean ndjson = contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith(NDJSON);
        BulkResult result = batch.accept(body, ndjson, reporter, CaseIntakeResource.idempotencyKey(idempotencyKey));
        return BulkAnswer.of(result);
    }
}
