package org.homeward.notifications.feed.api;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.homeward.events.Urgency;
import org.homeward.notifications.feed.persistence.Notification;
import org.homeward.support.paging.Page;
import org.homeward.support.paging.PageRequest;
import org.homeward.support.problem.Params;
import org.homeward.support.problem.Problem;

/** The notification feed, newest first. */
@Path("/api/v1/notifications")
@Tag(name = "Notifications", description = "What advocates must know about")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    @Inject
    EntityManager em;

    @GET
    @Operation(summary = "Notifications, newest first",
            description = "Filter by case and by minimum urgency (LOW < NORMAL < HIGH < CRITICAL).")
    @APIResponse(responseCode = "200", description = "A page of notifications")
    @APIResponse(responseCode = "422", description = "An invalid filter or page",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<NotificationView> list(
            @Parameter(description = "Only this case's notifications") @QueryParam("caseId") String caseIdParam,
            @Parameter(description = "Only notifications at least this urgent",
                    schema = @Schema(implementation = Urgency.class)) @QueryParam("minUrgency") String minUrgencyParam,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        UUID caseId = Params.uuid("caseId", caseIdParam);
        Urgency minUrgency = Params.enumValue("minUrgency", minUrgencyParam, Urgency.class);
        List<Urgency> urgencies = minUrgency == null ? List.of(Urgency.values())
                : EnumSet.range(minUrgency, Urgency.CRITICAL).stream().toList();
        String where = " where urgency in :urgencies" + (caseId == null ? "" : " and caseId = :caseId");
        TypedQuery<Notification> items = em.createQuery("from Notification" + where + " order by createdAt desc, id",
                Notification.class);
        TypedQuery<Long> count = em.createQuery("select count(*) from Notification" + where, Long.class);
        items.setParameter("urgencies", urgencies);
        count.setParameter("urgencies", urgencies);
        if (caseId != null) {
            items.setParameter("caseId", caseId);
            count.setParameter("caseId", caseId);
        }
        List<NotificationView> views = items.setFirstResult((int) Math.min(Integer.MAX_VALUE, request.offset()))
                .setMaxResults(request.size()).getResultStream().map(NotificationView::of).toList();
        return new Page<>(views, request.page(), request.size(), count.getSingleResult());
    }
}
