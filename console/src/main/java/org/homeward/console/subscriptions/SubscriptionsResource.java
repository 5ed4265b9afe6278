package org.homeward.console.subscriptions;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.homeward.console.alerts.AlertsResource;
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
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The advocate's subscriptions (notification-service {@code /api/v1/subscriptions}: list, create, remove) and their
 * deliveries ({@code /api/v1/deliveries}: list with attempts, replay a dead one through {@code POST .../retry}).
 * A webhook's signing secret is shown on the answer to its creation only: never stored, logged or put in a URL.
 */
@Path("/subscriptions")
@Produces(MediaType.TEXT_HTML)
public class SubscriptionsResource {

    private static final Logger LOG = Logger.getLogger(SubscriptionsResource.class);

    static final int LIST_SIZE = 100;
    static final int DELIVERY_PAGE_SIZE = 20;
    public static final List<String> STATUSES = List.of("PENDING", "DELIVERED", "DEAD", "CANCELLED");
    public static final List<String> OUTCOMES = List.of("DELIVERED", "RETRY", "DEAD", "UNKNOWN");
    /** The event contract's types, in its order (a subscription may name any of them). */
    public static final List<String> EVENT_TYPES = List.of("CASE_OPENED", "CAPTURED", "LETTER_RECEIVED",
            "DEFECTION_INTENT_STATED", "TRANSFER_REQUESTED", "TRANSFERRED", "RESETTLED", "RETURNED", "DEATH_REPORTED",
            "PROOF_OF_LIFE", "FAMILY_CONTACT", "NOTE_ADDED", "CASE_CLOSED", "CASE_REOPENED", "CASE_SHARED",
            "CASE_UNSHARED", "EVENT_RETRACTED");

    @CheckedTemplate(basePath = "subscriptions")
    public static class Templates {
        public static native TemplateInstance subscriptions(Chrome chrome, Labels l, SubsLabels s,
                boolean advocate, Page<Subscription> subscriptions, SubscriptionForm form, DeliveryQuery query,
                Page<Delivery> deliveries, List<String> channels, List<String> categories, List<String> eventTypes,
                List<String> urgencies, List<String> statuses);

        public static native TemplateInstance created(Chrome chrome, Labels l, SubsLabels s,
                Subscription subscription);
    }

    /** The deliveries' filters and page (a status and an id: no personal data). */
    public record DeliveryQuery(String status, String subscriptionId, int page) {

        public boolean statusIs(String value) {
            return value.equals(status);
        }

        /** The query string of this filter at another page, for the paging links. */
        public String at(int page) {
            return HomewardApi.query(HomewardApi.params("page", page, "status", status,
                    "subscriptionId", subscriptionId));
        }
    }

    @Inject
    Pages pages;

    @Inject
    CurrentSession current;

    @Inject
    HomewardApi api;

    @GET
    public TemplateInstance list(@QueryParam("status") String status,
            @QueryParam("subscriptionId") String subscriptionId, @QueryParam("page") Integer page,
            @QueryParam("notice") String notice) {
        Session session = current.require();
        DeliveryQuery query = new DeliveryQuery(status != null && STATUSES.contains(status) ? status : null,
                uuid(subscriptionId), page == null || page < 0 ? 0 : Math.min(page, 100_000));
        return page(session, SubscriptionForm.empty(), query, notice(notice));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object create(@RestForm String channel, @RestForm String target, @RestForm String caseIds,
            @RestForm List<String> categories, @RestForm List<String> eventTypes, @RestForm String minUrgency) {
        Session session = current.require();
        requireAdvocate(session);
        Subs subs = SubsLabels.bundle(pages.labels());
        SubscriptionForm form = SubscriptionForm.of(channel, target, caseIds, categories, eventTypes, minUrgency,
                CasesResource.CATEGORIES, EVENT_TYPES, AlertsResource.URGENCIES)
                .checked(subs.error_required(), subs.error_choice(), subs.form_failed());
        DeliveryQuery none = new DeliveryQuery(null, null, 0);
        if (form.failed()) {
            return Response.status(422).entity(page(session, form, none, null)).build();
        }
        Subscription created;
        try {
            created = api.post(HomewardService.NOTIFICATIONS, "/api/v1/subscriptions", form.toJson(),
                    session.token(), Subscription.class);
        } catch (ApiException e) {
            if (e.status() == 401 || e.status() == 403) {
                throw e;
            }
            LOG.infof("a %s subscription was refused: %s", form.channel(), e.getMessage());
            return Response.status(e.status() >= 500 ? 502 : e.status())
                    .entity(page(session, form.refused(e.problem(), subs.form_failed()), none, null)).build();
        }
        if (created == null) {
            return Response.seeOther(URI.create("/subscriptions?notice=created")).build();
        }
        LOG.infof("subscription %s (%s) was created", created.id(), created.channel());
        if (created.hasSecret()) {
            // The secret is in this answer only: not stored, not logged, not in a URL (Cache-Control: no-store).
            Labels l = pages.labels();
            return pages.render(Templates.created(pages.chrome("subscriptions", "/subscriptions",
                    subs.notice_created()), l, SubsLabels.of(l), created));
        }
        return Response.seeOther(URI.create("/subscriptions?notice=created")).build();
    }

    @POST
    @Path("{id}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@PathParam("id") String id) {
        Session session = current.require();
        requireAdvocate(session);
        String subscription = uuid(id);
        if (subscription == null) {
            throw new ApiException(HomewardService.NOTIFICATIONS, 404, null);
        }
        api.delete(HomewardService.NOTIFICATIONS, "/api/v1/subscriptions/" + HomewardApi.segment(subscription),
                session.token());
        LOG.infof("subscription %s was removed", subscription);
        return Response.seeOther(URI.create("/subscriptions?notice=removed")).build();
    }

    @POST
    @Path("deliveries/{id}/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replay(@PathParam("id") String id) {
        Session session = current.require();
        requireAdvocate(session);
        String delivery = uuid(id);
        if (delivery == null) {
            throw new ApiException(HomewardService.NOTIFICATIONS, 404, null);
        }
        try {
            api.post(HomewardService.NOTIFICATIONS, "/api/v1/deliveries/" + HomewardApi.segment(delivery) + "/retry",
                    null, session.token(), Void.class);
        } catch (ApiException e) {
            if (e.status() == 409) {
                return Response.seeOther(URI.create("/subscriptions?notice=not-dead")).build();
            }
            throw e;
        }
        LOG.infof("delivery %s was replayed", delivery);
        return Response.seeOther(URI.create("/subscriptions?notice=replayed")).build();
    }

    private TemplateInstance page(Session session, SubscriptionForm form, DeliveryQuery query, String notice) {
        Labels l = pages.labels();
        Page<Subscription> subscriptions = Page.empty(LIST_SIZE);
        Page<Delivery> deliveries = Page.empty(DELIVERY_PAGE_SIZE);
        if (session.advocate()) {
            subscriptions = api.page(HomewardService.NOTIFICATIONS, "/api/v1/subscriptions",
                    HomewardApi.params("size", LIST_SIZE), session.token(), Subscription.class);
            deliveries = api.page(HomewardService.NOTIFICATIONS, "/api/v1/deliveries",
                    HomewardApi.params("status", query.status(), "subscriptionId", query.subscriptionId(),
                            "page", query.page(), "size", DELIVERY_PAGE_SIZE), session.token(), Delivery.class);
        }
        return pages.render(Templates.subscriptions(pages.chrome("subscriptions", "/subscriptions", notice), l,
                SubsLabels.of(l), session.advocate(), subscriptions, form, query, deliveries,
                SubscriptionForm.CHANNELS, CasesResource.CATEGORIES, EVENT_TYPES, AlertsResource.URGENCIES,
                STATUSES));
    }

    private String notice(String code) {
        if (code == null) {
            return null;
        }
        Subs subs = SubsLabels.bundle(pages.labels());
        return switch (code) {
            case "created" -> subs.notice_created();
            case "removed" -> subs.notice_removed();
            case "replayed" -> subs.notice_replayed();
            case "not-dead" -> subs.notice_not_dead();
            default -> null;
        };
    }

    /** Subscriptions and deliveries are the advocate's: another role is refused before calling. */
    private static void requireAdvocate(Session session) {
        if (!session.advocate()) {
            throw new ApiException(HomewardService.NOTIFICATIONS, 403, null);
        }
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
