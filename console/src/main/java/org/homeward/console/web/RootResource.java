package org.homeward.console.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The console's address opens the case list. */
@Path("/")
public class RootResource {

    @GET
    public Response root() {
        return Response.seeOther(URI.create("/cases")).build();
    }
}
