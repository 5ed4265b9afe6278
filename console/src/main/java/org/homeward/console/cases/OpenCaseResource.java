package org.homeward.console.cases;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homeward.console.api.ApiException;
import org.homeward.console.api.HomewardApi;
import org.homeward.console.api.HomewardService;
import org.homeward.console.i18n.Labels;
import org.homeward.console.session.CurrentSession;
import org.homeward.console.session.Session;
import org.homeward.console.web.Chrome;
import org.homeward.console.web.Pages;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Opening a case from the console: {@code GET /cases/new} shows the form, {@code POST /cases/new} checks it and sends
 * intake {@code POST /api/v1/cases} (the role reporter). Refused, the form comes back with each error next to its
 * field and the values kept; accepted, {@code /cases/new?opened={caseId}} says so and links to the case (the case
 * service shows it a moment later). Names travel in the POST body only, never in a URL.
 */
@Path("/cases/new")
public class OpenCaseResource {

    private static final Logger LOG = Logger.getLogger(OpenCaseResource.class);
    static final String ROLE = "reporter";

    /** What the page shows besides the form. */
    public record OpenCasePage(boolean allowed, String opened, List<String> categories, List<String> sexes,
            List<String> zones) {
    }

    @CheckedTemplate(basePath = "cases")
    public static class Templates {
        public static native TemplateInstance open(Chrome chrome, Labels l, ReportForm form, OpenCasePage page);
    }

    @Inject
    Pages pages;

    @Inject
    CurrentSession current;

    @Inject
    HomewardApi api;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance form(@QueryParam("opened") String opened) {
        Session session = current.require();
        return page(session, ReportForm.empty(), uuid(opened));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Object open(@RestForm String category, @RestForm String hangulName, @RestForm String romanizedNames,
            @RestForm String birthYear, @RestForm String sex, @RestForm String placeOfOrigin,
            @RestForm String placeTaken, @RestForm String dateTaken, @RestForm String occurredAt,
            @RestForm String timeZone) {
        Session session = current.require();
        if (!session.hasRole(ROLE)) {
            throw new ApiException(HomewardService.INTAKE, 403, null);
        }
        Map<String, String> kept = new LinkedHashMap<>();
        String[] values = {category, hangulName, romanizedNames, birthYear, sex, placeOfOrigin, placeTaken, dateTaken,
                occurredAt, timeZone};
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                kept.put(OpenCaseForm.FIELDS.get(i), values[i]);
            }
        }
        Labels l = pages.labels();
        String failed = OpenCaseText.of(l.lang()).failed();
        EventForms.Result result = OpenCaseForm.toJson(kept);
        if (!result.ok()) {
            Map<String, String> errors = new LinkedHashMap<>();
            result.errors().forEach((key, code) -> errors.put(key, l.error(code)));
            return Response.status(422).entity(page(session, new ReportForm(kept, errors, failed), null)).build();
        }
        JsonNode accepted;
        try {
            accepted = api.post(HomewardService.INTAKE, "/api/v1/cases", result.body(), session.token(),
                    JsonNode.class);
        } catch (ApiException e) {
            if (e.status() == 401) {
                throw e;
            }
            LOG.infof("opening a case was refused: %s", e.getMessage());
            return Response.status(e.status() >= 500 ? 502 : e.status())
                    .entity(page(session, OpenCaseForm.refused(kept, e.problem(), failed), null)).build();
        }
        String caseId = uuid(accepted == null || accepted.get("caseId") == null ? null
                : accepted.get("caseId").asText());
        LOG.infof("a case was opened: %s", caseId);
        return Response.seeOther(URI.create("/cases/new" + (caseId == null ? "" : "?opened=" + caseId))).build();
    }

    private TemplateInstance page(Session session, ReportForm form, String opened) {
        OpenCasePage page = new OpenCasePage(session.hasRole(ROLE), opened, CasesResource.CATEGORIES,
                OpenCaseForm.SEXES, When.SUGGESTED_ZONES);
        String back = "/cases/new" + (opened == null ? "" : "?opened=" + opened);
        return pages.render(Templates.open(pages.chrome("cases", back, null), pages.labels(), form, page));
    }

    /** A case id as the console writes it (a lower-case UUID), else null. */
    private static String uuid(String value) {
        if (value == null) {
            return null;
        }
        try {
            String id = UUID.fromString(value).toString();
            return id.equals(value.toLowerCase()) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
