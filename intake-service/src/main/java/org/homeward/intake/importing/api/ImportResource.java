package org.homeward.intake.importing.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.homeward.intake.batch.api.BulkAnswer;
import org.homeward.intake.importing.domain.PersonImport;
import org.homeward.intake.submission.api.CaseIntakeResource;
import org.homeward.support.identity.CurrentCaller;

/** A CSV list of persons: a case opened per valid row, each bad row reported by its line. */
@Path("/api/v1/cases:import")
public class ImportResource {

    public static final String CSV = "text/csv";

    @Inject
    PersonImport personImport;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(CSV)
    @Produces(MediaType.APPLICATION_JSON)
    public Response importPersons(String body,
            @HeaderParam(CaseIntakeResource.IDEMPOTENCY_KEY_HEADER) String idempotencyKey) {
        var reporter = caller.require();
        return BulkAnswer.of(personImport.accept(body, reporter, CaseIntakeResource.idempotencyKey(idempotencyKey)));
    }
}
