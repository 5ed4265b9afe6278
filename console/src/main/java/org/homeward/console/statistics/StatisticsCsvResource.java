package org.homeward.console.statistics;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.homeward.console.api.ApiException;
import org.homeward.console.api.HomewardApi;
import org.homeward.console.api.HomewardService;
import org.homeward.console.i18n.Labels;
import org.homeward.console.session.CurrentSession;
import org.homeward.console.session.Session;
import org.homeward.console.web.Pages;

/**
 * One chart's numbers as CSV: {@code GET /statistics.csv?chart=byState&category=DEFECTOR}, UTF-8, a header row, as an
 * attachment. An unknown chart (or by year taken, while case-service does not count it) answers 404.
 */
@Path("/statistics.csv")
public class StatisticsCsvResource {

    @Inject
    Pages pages;

    @Inject
    CurrentSession current;

    @Inject
    HomewardApi api;

    @GET
    public Response csv(@QueryParam("chart") String chart, @QueryParam("category") String category) {
        Session session = current.require();
        if (!session.hasRole(StatisticsResource.ROLE)) {
            throw new ApiException(HomewardService.CASES, 403, null);
        }
        String only = StatisticsResource.known(category);
        Labels l = pages.labels();
        Charts charts = new Charts(l, StatisticsResource.stats(l), only);
        if (chart == null || !java.util.List.of(Charts.BY_CATEGORY, Charts.BY_STATE, Charts.BY_AGE_GROUP,
                Charts.BY_YEAR_TAKEN).contains(chart)) {
            throw new NotFoundException();
        }
        CaseStatistics figures = StatisticsResource.fetch(api, session, only);
        Chart found = charts.chart(chart, figures).orElseThrow(NotFoundException::new);
        return Response.ok(charts.csv(found))
                .type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + charts.filename(found) + "\"")
                .build();
    }
}
