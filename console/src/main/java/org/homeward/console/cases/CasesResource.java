package org.homeward.console.cases;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.homeward.console.api.ApiException;
import org.homeward.console.api.ApiUnavailableException;
import org.homeward.console.api.HomewardApi;
import org.homeward.console.api.HomewardService;
import org.homeward.console.api.Page;
import org.homeward.console.api.Problem;
import org.homeward.console.i18n.Labels;
import org.homeward.console.session.CurrentSession;
import org.homeward.console.session.Session;
import org.homeward.console.web.Chrome;
import org.homeward.console.web.Pages;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;

/**
 * The case list (filters in the query: they are not names), the search by name (a POST, so that a name never appears
 * in a URL), a case's page with its timeline, and the report form.
 */
@Path("/cases")
@Produces(MediaType.TEXT_HTML)
public class CasesResource {

    private static final Logger LOG = Logger.getLogger(CasesResource.class);

    static final int PAGE_SIZE = 20;
    static final int TIMELINE_SIZE = 100;
    static final int DUPLICATES_SIZE = 20;
    static final int AUDIT_SIZE = 20;
    public static final List<String> CATEGORIES = List.of("SOUTH_KOREAN_POW", "WAR_ABDUCTEE", "POSTWAR_ABDUCTEE",
            "DETAINEE", "NORTH_KOREAN_POW", "DEFECTOR");
    public static final List<String> STATES = List.of("REPORTED", "IN_CUSTODY", "INTENT_STATED", "TRANSFER_PENDING",
            "TRANSFERRED", "RESETTLED", "RETURNED", "DECEASED", "CLOSED");

    @CheckedTemplate(basePath = "cases")
    public static class Templates {
        public static native TemplateInstance list(Chrome chrome, Labels l, CaseQuery query, CaseList results,
                List<String> categories, List<String> states);

        public static native TemplateInstance detail(Chrome chrome, Labels l, CaseView kase,
                Page<TimelineEntry> timeline, ReportForm form, List<EventForms.Spec> specs,
                List<TimelineEntry> retractable, CasePage cp, Page<CaseView> duplicates, Page<AuditRecord> audit);
    }

    /**
     * The list's filters, where its page starts (the case service's cursor, {@code after}; null for the first page)
     * and the page's number for display, and the searched name (only ever from a POST). The cursor holds no name.
     */
    public record CaseQuery(String q, String category, String state, String after, int number) {
        public boolean search() {
            return q != null && !q.isBlank();
        }

        public boolean is(String key, String value) {
            return value.equals("category".equals(key) ? category : state);
        }

        @Override
        public String toString() {
            return "CaseQuery[category=" + category + ", state=" + state + ", after=" + after + ", number=" + number
                    + "]";
        }
    }

    @Inject
    Pages pages;

    @Inject
    CurrentSession current;

    @Inject
    HomewardApi api;

    @GET
    public TemplateInstance list(@QueryParam("category") String category, @QueryParam("state") String state,
            @QueryParam("after") String after, @QueryParam("n") Integer number) {
        String cursor = cursor(after);
        return results(new CaseQuery(null, known(category, CATEGORIES), known(state, STATES), cursor,
                cursor == null ? 1 : numberOf(number)));
    }

    @POST
    @Path("search")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object search(@RestForm String q, @RestForm String category, @RestForm String state,
            @RestForm String after, @RestForm Integer n) {
        String name = q == null ? "" : q.strip();
        String cat = known(category, CATEGORIES);
        String st = known(state, STATES);
        if (name.isEmpty()) {
            StringBuilder target = new StringBuilder("/cases");
            String query = HomewardApiQuery.of("category", cat, "state", st);
            if (!query.isEmpty()) {
                target.append('?').append(query);
            }
            return Response.seeOther(URI.create(target.toString())).build();
        }
        String cursor = cursor(after);
        return results(new CaseQuery(name.length() > 200 ? name.substring(0, 200) : name, cat, st, cursor,
                cursor == null ? 1 : numberOf(n)));
    }

    private TemplateInstance results(CaseQuery query) {
        Session session = current.require();
        CaseList found = api.get(HomewardService.CASES, "/api/v1/cases",
                HomewardApi.params("q", query.q(), "category", query.category(), "state", query.state(),
                        "after", query.after(), "size", PAGE_SIZE), session.token(), CaseList.class)
                .numbered(query.number());
        return pages.render(Templates.list(pages.chrome("cases", "/cases", null), pages.labels(), query, found,
                CATEGORIES, STATES));
    }

    @GET
    @Path("{caseId}")
    public TemplateInstance detail(@PathParam("caseId") String caseId, @QueryParam("notice") String notice,
            @QueryParam("page") Integer page, @QueryParam("order") String order,
            @QueryParam("duplicatesPage") Integer duplicatesPage, @QueryParam("auditPage") Integer auditPage) {
        String id = caseId(caseId);
        CasePageMessages text = CasePageText.of(pages.labels().lang());
        String shown = switch (notice == null ? "" : notice) {
            case "accepted" -> pages.labels().messages().notice_accepted();
            case "shared" -> text.notice_shared();
            case "unshared" -> text.notice_unshared();
            default -> null;
        };
        return page(CasePageQuery.of(id, page, order, duplicatesPage, auditPage), ReportForm.empty(),
                SharingForm.empty(SharingForm.SHARE), SharingForm.empty(SharingForm.UNSHARE), shown);
    }

    @POST
    @Path("{caseId}/share")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object share(@PathParam("caseId") String caseId, @RestForm String organisation, @RestForm String reason) {
        return sharing(caseId(caseId), SharingForm.SHARE, organisation, reason);
    }

    @POST
    @Path("{caseId}/unshare")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object unshare(@PathParam("caseId") String caseId, @RestForm String organisation,
            @RestForm String reason) {
        return sharing(caseId(caseId), SharingForm.UNSHARE, organisation, reason);
    }

    /**
     * Shares or unshares through intake ({@code CASE_SHARED} / {@code CASE_UNSHARED}): only for an admin of the
     * organisation that owns the case (403 for anyone else, without calling intake). The console's own checks and
     * intake's field errors are shown next to their fields, the values kept; accepted, back to the case.
     */
    private Object sharing(String id, String kind, String organisation, String reason) {
        Session session = current.require();
        CaseView kase = api.get(HomewardService.CASES, "/api/v1/cases/" + HomewardApi.segment(id), Map.of(),
                session.token(), CaseView.class);
        if (!ownerAdmin(session, kase)) {
            throw new ApiException(HomewardService.INTAKE, 403, null);
        }
        CasePageMessages text = CasePageText.of(pages.labels().lang());
        String failure = SharingForm.SHARE.equals(kind) ? text.share_failed() : text.unshare_failed();
        String org = organisation == null ? "" : organisation;
        String why = reason == null ? "" : reason;
        Map<String, String> codes = SharingForm.check(kind, org, why, kase.ownerOrganisation());
        SharingForm refused;
        int status;
        if (!codes.isEmpty()) {
            Map<String, String> errors = new LinkedHashMap<>();
            codes.forEach((field, code) -> errors.put(field, switch (code) {
                case "required" -> text.error_required();
                case "organisation" -> text.error_organisation();
                case "too_long" -> text.error_too_long(pages.labels().number("organisation".equals(field)
                        ? SharingForm.ORGANISATION_MAX : SharingForm.REASON_MAX));
                case "owner" -> SharingForm.SHARE.equals(kind) ? text.error_owner_share()
                        : text.error_owner_unshare();
                default -> code;
            }));
            refused = new SharingForm(kind, org, why, errors, failure, List.of());
            status = 422;
        } else {
            try {
                api.post(HomewardService.INTAKE, "/api/v1/cases/" + HomewardApi.segment(id) + "/events",
                        SharingForm.body(kind, org, why, Instant.now()), session.token(), JsonNode.class);
                LOG.infof("a %s for case %s was accepted", SharingForm.empty(kind).type(), id);
                return Response.seeOther(URI.create("/cases/" + id + "?notice="
                        + (SharingForm.SHARE.equals(kind) ? "shared" : "unshared"))).build();
            } catch (ApiException e) {
                if (e.status() == 401) {
                    throw e;
                }
                LOG.infof("a %s for case %s was refused: %s", SharingForm.empty(kind).type(), id, e.getMessage());
                refused = SharingForm.refused(kind, org, why, e.problem(), failure);
                status = e.status() >= 500 ? 502 : e.status();
            }
        }
        CasePageQuery query = CasePageQuery.of(id, 0, null, 0, 0);
        SharingForm share = SharingForm.SHARE.equals(kind) ? refused : SharingForm.empty(SharingForm.SHARE);
        SharingForm unshare = SharingForm.UNSHARE.equals(kind) ? refused : SharingForm.empty(SharingForm.UNSHARE);
        return Response.status(status).entity(page(query, ReportForm.empty(), share, unshare, null)).build();
    }

    /** Whether the session is an admin of the organisation that owns the case (who shares it and reads its audit). */
    static boolean ownerAdmin(Session session, CaseView kase) {
        return session.hasRole("admin") && session.organisation() != null
                && session.organisation().equals(kase.ownerOrganisation());
    }

    @POST
    @Path("{caseId}/events")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object report(@PathParam("caseId") String caseId, @RestForm String type) {
        String id = caseId(caseId);
        Session session = current.require();
        Map<String, String> form = formFields();
        EventForms.Spec spec = EventForms.spec(type).orElse(null);
        Map<String, String> kept = kept(form, spec);
        CasePageQuery query = CasePageQuery.ofForm(id, form.get("page"), form.get("order"));
        Page<TimelineEntry> timeline = timeline(query, session);
        List<String> eventIds = timeline.items().stream().map(TimelineEntry::eventId).toList();
        EventForms.Result result = EventForms.toJson(form, timeline.total() > timeline.items().size()
                ? List.of() : eventIds);
        Labels l = pages.labels();
        if (!result.ok()) {
            Map<String, String> errors = new LinkedHashMap<>();
            result.errors().forEach((key, code) -> errors.put(key, l.error(code)));
            return Response.status(422).entity(page(query, new ReportForm(kept, errors,
                    l.messages().report_failed()), null)).build();
        }
        try {
            api.post(HomewardService.INTAKE, "/api/v1/cases/" + HomewardApi.segment(id) + "/events", result.body(),
                    session.token(), JsonNode.class);
        } catch (ApiException e) {
            if (e.status() == 401) {
                throw e;
            }
            LOG.infof("a report for case %s was refused: %s", id, e.getMessage());
            return Response.status(e.status() >= 500 ? 502 : e.status())
                    .entity(page(query, refused(kept, type, e.problem(), l), null)).build();
        }
        LOG.infof("a %s report for case %s was accepted", type, id);
        return Response.seeOther(URI.create("/cases/" + id + "?notice=accepted")).build();
    }

    /** The form again with the problem's field errors next to their fields ({@code /heldBy} → {@code TYPE.heldBy}). */
    static ReportForm refused(Map<String, String> kept, String type, Problem problem, Labels l) {
        Map<String, String> errors = new LinkedHashMap<>();
        String failure = l.messages().report_failed();
        if (problem != null) {
            failure = problem.title() == null ? failure : problem.title()
                    + (problem.detail() == null ? "" : ": " + problem.detail());
            EventForms.Spec spec = EventForms.spec(type).orElse(null);
            int other = 0;
            for (Problem.FieldError error : problem.errors()) {
                String field = error.pointer() == null ? "" : error.pointer().replaceFirst("^/", "");
                String key;
                if (field.equals("occurredAt") || field.equals("type") || field.equals(When.TIME_ZONE)) {
                    key = field;
                } else if (spec != null && spec.fields().stream().anyMatch(f -> f.name().equals(field))) {
                    key = EventForms.key(type, field);
                } else {
                    key = "#" + other++;
                }
                errors.merge(key, error.detail() == null ? "" : error.detail(), (a, b) -> a + "; " + b);
            }
        }
        return new ReportForm(kept, errors, failure);
    }

    private TemplateInstance page(CasePageQuery query, ReportForm form, String notice) {
        return page(query, form, SharingForm.empty(SharingForm.SHARE), SharingForm.empty(SharingForm.UNSHARE),
                notice);
    }

    /**
     * The case page: the case, a page of its timeline in the chosen order, the possible duplicates, and for an admin
     * of the owning organisation the sharing forms and the audit trail. The duplicates and the audit trail are
     * secondary: when they cannot be read the page says so and shows the rest.
     */
    private TemplateInstance page(CasePageQuery query, ReportForm form, SharingForm share, SharingForm unshare,
            String notice) {
        Session session = current.require();
        String id = query.caseId();
        CaseView kase = api.get(HomewardService.CASES, "/api/v1/cases/" + HomewardApi.segment(id), Map.of(),
                session.token(), CaseView.class);
        Page<TimelineEntry> timeline = timeline(query, session);
        List<TimelineEntry> retractable = timeline.items().stream()
                .filter(e -> !e.retracted() && !EventForms.NOT_RETRACTABLE.contains(e.type())).toList();
        boolean ownerAdmin = ownerAdmin(session, kase);

        Page<CaseView> duplicates = Page.empty(DUPLICATES_SIZE);
        boolean duplicatesFailed = false;
        if (kase.possibleDuplicates() > 0) { // the count includes every case: none counted, none to list
            duplicates = secondary("possible duplicates", id, () -> api.page(HomewardService.CASES,
                    "/api/v1/cases/" + HomewardApi.segment(id) + "/possible-duplicates",
                    HomewardApi.params("page", query.duplicatesPage(), "size", DUPLICATES_SIZE), session.token(),
                    CaseView.class));
            duplicatesFailed = duplicates == null;
            duplicates = duplicates == null ? Page.empty(DUPLICATES_SIZE) : duplicates;
        }
        long hidden = duplicatesFailed ? 0 : Math.max(0, kase.possibleDuplicates() - duplicates.total());

        Page<AuditRecord> audit = Page.empty(AUDIT_SIZE);
        boolean auditFailed = false;
        if (ownerAdmin) {
            audit = secondary("audit trail", id, () -> api.page(HomewardService.CASES, "/api/v1/audit",
                    HomewardApi.params("caseId", id, "page", query.auditPage(), "size", AUDIT_SIZE),
                    session.token(), AuditRecord.class));
            auditFailed = audit == null;
            audit = audit == null ? Page.empty(AUDIT_SIZE) : audit;
        }
        CaseAccess access = null;
        if (ownerAdmin) {
            access = secondaryValue("sharing list", id, () -> api.get(HomewardService.CASES, "/api/v1/cases/"
                    + HomewardApi.segment(id) + "/access", Map.of(), session.token(), CaseAccess.class));
        }
        CasePage cp = new CasePage(query, ownerAdmin, duplicatesFailed, hidden, auditFailed, share, unshare, access,
                ownerAdmin && access == null);
        return pages.render(Templates.detail(pages.chrome("cases", query.path(), notice), pages.labels(), kase,
                timeline, form, EventForms.TYPES, retractable, cp, duplicates, audit));
    }

    /** A part of the page that may fail without failing the page: null when it cannot be read (401 still ends). */
    private static <T> Page<T> secondary(String what, String id, Supplier<Page<T>> call) {
        return secondaryValue(what, id, call);
    }

    /** As {@link #secondary}, for any value. */
    private static <T> T secondaryValue(String what, String id, Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            if (e.status() == 401) {
                throw e;
            }
            LOG.infof("the %s of case %s cannot be shown: %s", what, id, e.getMessage());
            return null;
        } catch (ApiUnavailableException e) {
            LOG.infof("the %s of case %s cannot be shown: %s", what, id, e.getMessage());
            return null;
        }
    }

    private Page<TimelineEntry> timeline(CasePageQuery query, Session session) {
        return api.page(HomewardService.CASES, "/api/v1/cases/" + HomewardApi.segment(query.caseId())
                + "/timeline", HomewardApi.params("order", query.order(), "page", query.page(), "size",
                TIMELINE_SIZE), session.token(), TimelineEntry.class);
    }

    /** The submitted fields of the chosen type (and the common ones), to show again. */
    private static Map<String, String> kept(Map<String, String> form, EventForms.Spec spec) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String key : List.of("type", When.OCCURRED_AT, When.TIME_ZONE)) {
            if (form.containsKey(key)) {
                kept.put(key, form.get(key));
            }
        }
        if (spec != null) {
            spec.fields().forEach(f -> {
                String key = EventForms.key(spec.type(), f.name());
                if (form.containsKey(key)) {
                    kept.put(key, form.get(key));
                }
            });
        }
        return kept;
    }

    /** Every field of the submitted form (its names depend on the chosen type, so they are read by name here). */
    private static Map<String, String> formFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        FormData data = CurrentRequestManager.get().getFormData();
        if (data != null) {
            for (String name : data) {
                FormValue value = data.getFirst(name);
                if (value != null && !value.isFileItem()) {
                    fields.put(name, value.getValue());
                }
            }
        }
        return fields;
    }

    /** A case id is a UUID; anything else is not a case (404 without calling the API). */
    private static String caseId(String value) {
        try {
            return UUID.fromString(value).toString().equals(value.toLowerCase()) ? value.toLowerCase() : notFound();
        } catch (IllegalArgumentException e) {
            return notFound();
        }
    }

    private static String notFound() {
        throw new ApiException(HomewardService.CASES, 404, null);
    }

    private static String known(String value, List<String> values) {
        return value != null && values.contains(value) ? value : null;
    }

    /** A cursor as the case service writes them (base64url, short), or null: anything else starts from the top. */
    static String cursor(String after) {
        return after != null && after.matches("[A-Za-z0-9_-]{1,120}") ? after : null;
    }

    private static int numberOf(Integer number) {
        return number == null || number < 2 ? 2 : Math.min(number, 1_000_000);
    }

    /** A query string of non-empty values (for redirects within the console). */
    static final class HomewardApiQuery {
        static String of(String... pairs) {
            StringBuilder query = new StringBuilder();
            for (int i = 0; i + 1 < pairs.length; i += 2) {
                if (pairs[i + 1] != null) {
                    if (query.length() > 0) {
                        query.append('&');
                    }
                    query.append(pairs[i]).append('=').append(java.net.URLEncoder.encode(pairs[i + 1],
                            java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            return query.toString();
        }
    }
}
