package org.homeward.cases.holds.domain;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code homeward_cases_on_hold}: how many cases wait for an operator's release (/q/metrics). Alert on it above 0. The
 * count is read when the metric is scraped; NaN while the database does not answer.
 */
@ApplicationScoped
public class HoldsMetric {

    @Inject
    AgroalDataSource database;

    @Inject
    MeterRegistry registry;

    void register(@Observes StartupEvent startup) {
        Gauge.builder("homeward.cases.on.hold", this, HoldsMetric::count)
                .description("Cases on hold: an event could not be applied; its later events wait for a release")
                .register(registry);
    }

    double count() {
        try (Connection db = database.getConnection();
                PreparedStatement query = db.prepareStatement("select count(*) from case_holds");
                ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
