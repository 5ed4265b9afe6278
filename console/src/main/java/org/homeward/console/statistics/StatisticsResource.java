package org.homeward.console.statistics;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.homeward.console.api.HomewardApi;
import org.homeward.console.api.HomewardService;
import org.homeward.console.cases.CasesResource;
import org.homeward.console.i18n.Labels;
import org.homeward.console.i18n.Languages;
import org.homeward.console.session.Session;
import org.homeward.console.web.Chrome;
import org.homeward.console.web.Pages;
import org.homeward.console.session.CurrentSession;

/**
 * Charts of cases by category, state and age group when taken (case-service {@code GET /api/v1/statistics}, which
 * needs the caseworker role), each as an inline SVG bar chart with its numbers in a table and as CSV
 * ({@link StatisticsCsvResource}). The optional {@code category} filter is a category name: no personal data.
 */
@Path("/statistics")
public class StatisticsResource {

    static final String ROLE = "caseworker";

    @CheckedTemplate(basePath = "statistics")
    public static class Templates {
        public static native TemplateInstance statistics(Chrome chrome, Labels l, String category,
                List<String> categories, CaseStatistics figures, List<Chart> charts, boolean allowed);
    }

    @Inject
    Pages pages;

    @Inject
    CurrentSession current;

    @Inject
    HomewardApi api;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance statistics(@QueryParam("category") String category) {
        Session session = current.require();
        String only = known(category);
        Labels l = pages.labels();
        String back = "/statistics" + (only == null ? "" : "?category=" + only);
        if (!session.hasRole(ROLE)) {
            return pages.render(Templates.statistics(pages.chrome("statistics", back, null), l, only,
                    CasesResource.CATEGORIES, null, List.of(), false));
        }
        CaseStatistics figures = fetch(api, session, only);
        List<Chart> charts = new Charts(l, stats(l), only).all(figures);
        return pages.render(Templates.statistics(pages.chrome("statistics", back, null), l, only,
                CasesResource.CATEGORIES, figures, charts, true));
    }

    static CaseStatistics fetch(HomewardApi api, Session session, String category) {
        return api.get(HomewardService.CASES, "/api/v1/statistics", HomewardApi.params("category", category),
                session.token(), CaseStatistics.class);
    }

    /** The statistics messages in the labels' language. */
    static Stats stats(Labels l) {
        return Languages.ENGLISH.equals(l.lang()) ? MessageBundles.get(Stats.class)
                : MessageBundles.get(Stats.class, Localized.Literal.of(l.lang()));
    }

    /** A category the console knows, else null (no filter). */
    static String known(String category) {
        return category != null && CasesResource.CATEGORIES.contains(category) ? category : null;
    }
}
