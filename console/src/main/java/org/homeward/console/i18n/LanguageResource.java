package org.homeward.console.i18n;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.console.web.Pages;
import org.jboss.resteasy.reactive.RestForm;

/** The language switch: remembers the choice in the {@code homeward_lang} cookie and returns to the page. */
@Path("/language")
public class LanguageResource {

    @ConfigProperty(name = "homeward.console.secure-cookies", defaultValue = "true")
    boolean secure;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response change(@RestForm String lang, @RestForm String back) {
        Response.ResponseBuilder answer = Response.seeOther(URI.create(Pages.localPath(back)));
        String known = Languages.known(lang);
        if (known != null) {
            answer.cookie(new NewCookie.Builder(Languages.COOKIE).value(known).path("/").maxAge(365 * 24 * 3600)
                    .httpOnly(true).secure(secure).sameSite(NewCookie.SameSite.LAX).build());
        }
        return answer.build();
    }
}
