package org.homeward.console.alerts;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.homeward.console.api.ApiException;
import org.homeward.console.api.HomewardApi;
import org.homeward.console.api.HomewardService;
import org.homeward.console.api.Page;
import org.homeward.console.cases.CasesResource;
import org.homeward.console.i18n.Labels;
import org.homeward.console.session.CurrentSession;
import org.homeward.console.session.Session;
import org.homeward.console.web.Chrome;
import org.homeward.console.web.Pages;

/**
 * The advocate's feed (notification-service {@code GET /api/v1/notifications}: their FEED subscriptions'
 * notifications and their organisation's critical alerts, filtered by urgency, category and case), acknowledging
 * ({@code POST /api/v1/notifications/{id}/ack}) and the live stream, relayed for the session's token.
 */
@Path("/alerts")
public class AlertsResource {

    static final int PAGE_SIZE = 20;
    public static final List<String> URGENCIES = List.of("LOW", "NORMAL", "HIGH", "CRITICAL");
    /** The categories the category filter offers (the case list's). */
    public static final List<String> CATEGORIES = CasesResource.CATEGORIES;

    @CheckedTemplate(basePath = "alerts")
    public static class Templates {
        public static native TemplateInstance alerts(Chrome chrome, Labels l, AlertQuery query,
                Page<Notification> feed, List<String> urgencies, List<String> categories, boolean advocate);
    }

    /**
     * The feed's filters (ids, an urgency and a category: no personal data, so they may be in the URL).
     * {@code caseIdInvalid}: a case id was typed that is not one (the filter is left out and the field says so).
     */
    public record AlertQuery(String minUrgency, String category, String caseId, boolean caseIdInvalid,
            String typedCaseId, int page) {

        public boolean urgency(String value) {
            return value.equals(minUrgency);
        }

        public boolean category(String value) {
            return value.equals(category);
        }

        public boolean filtered() {
            return minUrgency != null || category != null || caseId != null || caseIdInvalid;
        }

        /** The filters as a query string for the paging links ({@code &}-separated, without page). */
        public String filters() {
            String query = HomewardApi.query(HomewardApi.params("minUrgency", minUrgency, "category", category,
                    "caseId", caseId));
            return query.isEmpty() ? "" : "&" + query;
        }
    }

    @Inject
    Pages pages;

    @Inject
    CurrentSession current;

    @Inject
    HomewardApi api;

    @Inject
    AlertStreamRelay relay;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance alerts(@QueryParam("minUrgency") String minUrgency, @QueryParam("category") String category,
            @QueryParam("caseId") String caseId, @QueryParam("page") Integer page,
            @QueryParam("notice") String notice) {
        Session session = current.require();
        String validCase = uuid(caseId);
        boolean caseIdInvalid = validCase == null && caseId != null && !caseId.isBlank();
        AlertQuery query = new AlertQuery(known(minUrgency, URGENCIES), known(category, CATEGORIES), validCase,
                caseIdInvalid, caseIdInvalid ? caseId.strip() : validCase, page == null || page < 0 ? 0 : page);
        Page<Notification> feed = Page.empty(PAGE_SIZE);
        if (session.advocate()) {
            feed = api.page(HomewardService.NOTIFICATIONS, "/api/v1/notifications",
                    HomewardApi.params("minUrgency", query.minUrgency(), "category", query.category(), "caseId",
                            query.caseId(), "page", query.page(), "size", PAGE_SIZE), session.token(),
                    Notification.class);
        }
        String text = "acknowledged".equals(notice) ? pages.labels().messages().notice_acknowledged() : null;
        return pages.render(Templates.alerts(pages.chrome("alerts", "/alerts", text), pages.labels(), query, feed,
                URGENCIES, CATEGORIES, session.advocate()));
    }

    @POST
    @Path("{id}/ack")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response acknowledge(@PathParam("id") String id) {
        Session session = current.require();
        String notification = uuid(id);
        if (notification == null) {
            throw new ApiException(HomewardService.NOTIFICATIONS, 404, null);
        }
        api.post(HomewardService.NOTIFICATIONS, "/api/v1/notifications/" + notification + "/ack", null,
                session.token(), Void.class);
        return Response.seeOther(URI.create("/alerts?notice=acknowledged")).build();
    }

    /**
     * The advocate's live feed as Server-Sent Events: notification-service's stream relayed event by event for the
     * session's token (which stays here), until the session ends. {@code Last-Event-ID} is passed on, so a reconnecting
     * EventSource resumes.
     */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@HeaderParam("Last-Event-ID") String lastEventId, @Context SseEventSink sink,
            @Context Sse sse) {
        Session session = current.require();
        if (!session.advocate()) {
            sink.close();
            return;
        }
        relay.open(session, lastEventId, sink, sse);
    }

    private static String known(String value, List<String> values) {
        return value != null && values.contains(value) ? value : null;
    }

    private static String uuid(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip()).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
