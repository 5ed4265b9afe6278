package org.homeward.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading samples out of a Prometheus or OpenMetrics exposition, as the services' metrics tests do. */
class MetricsExposureTest {

    /** With tracing on, a counter's line carries an exemplar whose braces must not be read as the labels' end. */
    @Test
    void anExemplarIsNotPartOfTheSample() {
        String exposition = """
                # TYPE homeward_intake_events counter
                homeward_intake_events_total{outcome="accepted",type="CASE_OPENED"} 7.0 # {span_id="aa",trace_id="bb"} 1.0 1796149691.921
                homeward_intake_events_total{outcome="refused",type="CASE_OPENED"} 2.0
                """;
        assertEquals(7.0, MetricsExposure.value(exposition, "homeward_intake_events_total",
                Map.of("type", "CASE_OPENED", "outcome", "accepted")));
        assertEquals(9.0, MetricsExposure.value(exposition, "homeward_intake_events_total", Map.of("type", "CASE_OPENED")));
    }

    @Test
    void aLabelValueMayHoldBracesAndQuotes() {
        String exposition = """
                http_server_requests_seconds_count{method="POST",uri="/api/v1/cases/{caseId}/events",note="a \\"b\\" }"} 3.0
                up 1
                """;
        assertEquals(3.0, MetricsExposure.value(exposition, "http_server_requests_seconds_count",
                Map.of("uri", "/api/v1/cases/{caseId}/events")));
        assertEquals(1.0, MetricsExposure.value(exposition, "up", Map.of()));
        assertTrue(Double.isNaN(MetricsExposure.value(exposition, "down", Map.of())));
    }
}
