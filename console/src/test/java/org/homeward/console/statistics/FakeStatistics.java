package org.homeward.console.statistics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.homeward.console.support.StandInApis;

/**
 * Stands in for case-service's {@code GET /api/v1/statistics} (and the alert count every page asks for) in the
 * statistics tests: a loopback server answering with the real shape, recording what it was asked. Used through
 * the test class's profile, with the global {@code FakeHomeward} turned off.
 */
public class FakeStatistics extends StandInApis {

    public static final List<String> REQUESTS = new CopyOnWriteArrayList<>();

    static final String ALL = """
            {"total": 1234,
             "byState": {"REPORTED": 1000, "IN_CUSTODY": 34, "INTENT_STATED": 0, "TRANSFER_PENDING": 0,
                         "TRANSFERRED": 200, "RESETTLED": 0, "RETURNED": 0, "DECEASED": 0, "CLOSED": 0},
             "byAgeGroupWhenTaken": {"under 10": 0, "10s": 0, "20s": 1200, "30s": 0, "40s": 0, "50s": 0, "60s": 0,
                                     "70s": 0, "80s": 0, "90s": 0, "100 and over": 0, "unknown": 34},
             "byCategory": [
               {"category": "SOUTH_KOREAN_POW", "total": 0, "byState": {}, "byAgeGroupWhenTaken": {}},
               {"category": "WAR_ABDUCTEE", "total": 0, "byState": {}, "byAgeGroupWhenTaken": {}},
               {"category": "POSTWAR_ABDUCTEE", "total": 0, "byState": {}, "byAgeGroupWhenTaken": {}},
               {"category": "DETAINEE", "total": 0, "byState": {}, "byAgeGroupWhenTaken": {}},
               {"category": "NORTH_KOREAN_POW", "total": 1200, "byState": {"REPORTED": 1000, "TRANSFERRED": 200},
                "byAgeGroupWhenTaken": {"20s": 1200}},
               {"category": "DEFECTOR", "total": 34, "byState": {"IN_CUSTODY": 34},
                "byAgeGroupWhenTaken": {"unknown": 34}}],
             "asOf": "2026-11-30T05:00:00Z"}""";

    static final String DEFECTOR = """
            {"total": 34,
             "byState": {"REPORTED": 0, "IN_CUSTODY": 34, "INTENT_STATED": 0, "TRANSFER_PENDING": 0,
                         "TRANSFERRED": 0, "RESETTLED": 0, "RETURNED": 0, "DECEASED": 0, "CLOSED": 0},
             "byAgeGroupWhenTaken": {"under 10": 0, "10s": 0, "20s": 0, "30s": 0, "40s": 0, "50s": 0, "60s": 0,
                                     "70s": 0, "80s": 0, "90s": 0, "100 and over": 0, "unknown": 34},
             "byCategory": [{"category": "DEFECTOR", "total": 34, "byState": {"IN_CUSTODY": 34},
                             "byAgeGroupWhenTaken": {"unknown": 34}}],
             "asOf": "2026-11-30T05:00:00Z"}""";

    /** As a later case-service might answer: with counts by year taken. */
    static final String WITH_YEARS = """
            {"total": 3,
             "byState": {"REPORTED": 3},
             "byAgeGroupWhenTaken": {"20s": 3},
             "byCategory": [{"category": "WAR_ABDUCTEE", "total": 3}],
             "byYearTaken": {"1951": 2, "1950": 1},
             "asOf": "2026-11-30T05:00:00Z"}""";

    public FakeStatistics() {
        super("statistics-private.pem", REQUESTS, true);
        get("/api/v1/statistics", r -> Answer.json(r.q().contains("category=DEFECTOR") ? DEFECTOR
                : r.q().contains("category=WAR_ABDUCTEE") ? WITH_YEARS : ALL));
        noAlerts();
    }
}
