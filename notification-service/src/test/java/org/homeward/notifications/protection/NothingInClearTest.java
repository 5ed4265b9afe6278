package org.homeward.notifications.protection;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homeward.events.Alert;
import org.homeward.events.CaseTransition;
import org.homeward.events.Category;
import org.homeward.events.EventType;
import org.homeward.events.ReasonCode;
import org.homeward.events.Urgency;
import org.homeward.notifications.support.Advocates;
import org.homeward.notifications.support.Transitions;
import org.homeward.stack.HomewardTestStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notification service stores transitions, and a transition's reason is a code (ReasonCode), never a text. A case
 * service from before codes sent texts that could quote a stated destination or a date of death: such a reason reads
 * as absent, so nothing of it is stored. Every column of every table of the notification database is searched for
 * the texts sent, cast to text, and none is found; the code of a current transition is stored as it is.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class,
        initArgs = @ResourceArg(name = "database", value = "notifications"))
class NothingInClearTest {

    private static final List<String> PERSONAL = List.of("Jeju Haenyeo-ro 77", "1998-03-14", "his cousin's farm");

    @BeforeEach
    void ownOrganisation() {
        // every advocate of an organisation sees its critical alerts: not those other tests published
        Advocates.isolate();
    }

    @AfterEach
    void sharedOrganisation() {
        Advocates.shared();
    }

    @Test
    void noReasonTextFromTheCaseServiceIsStoredOnlyCodes() throws Exception {
        UUID caseId = UUID.randomUUID();
        String advocate = Advocates.fresh();
        Advocates.subscribe(advocate, "{\"channel\": \"FEED\", \"caseIds\": [\"" + caseId + "\"]}");
        // As a case service before reason codes announced a risk and a conflict: texts quoting the case.
        ObjectNode risk = Transitions.wire(Transitions.of(caseId, Category.NORTH_KOREAN_POW, EventType.TRANSFERRED,
                Urgency.CRITICAL, null, Alert.FORCED_REPATRIATION_RISK));
        ((ObjectNode) risk.get("data")).put("reason", "forced-repatriation risk: the person stated intent to go to "
                + PERSONAL.get(0) + ", and TRANSFERRED moves them towards " + PERSONAL.get(2));
        Transitions.publishRaw(caseId, risk);
        ObjectNode life = Transitions.wire(Transitions.of(caseId, Category.NORTH_KOREAN_POW, EventType.PROOF_OF_LIFE,
                Urgency.CRITICAL, null, Alert.LIFE_AFTER_DEATH));
        ((ObjectNode) life.get("data")).put("reason", "the person was reported dead on " + PERSONAL.get(1));
        Transitions.publishRaw(caseId, life);
        // As this version's case service announces it: a code.
        CaseTransition coded = Transitions.of(caseId, Category.NORTH_KOREAN_POW, EventType.CAPTURED, Urgency.HIGH,
                ReasonCode.NOT_LEGAL_IN_STATE, Alert.DATA_QUALITY);
        Transitions.publish(coded);

        await().atMost(Duration.ofSeconds(90)).until(() -> Advocates.as(advocate).queryParam("caseId", caseId)
                .get("/api/v1/notifications")
                .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items").size() == 3);

        try (Connection db = connection(); Statement sql = db.createStatement()) {
            List<String> values = everyValue(sql);
            assertFalse(values.isEmpty());
            for (String value : values) {
                for (String personal : PERSONAL) {
                    assertFalse(value.contains(personal), () -> "a stored value holds " + personal);
                }
                assertFalse(value.contains("stated intent") || value.contains("reported dead"), "a reason text");
            }
            ResultSet reasons = sql.executeQuery("select reason from transitions where case_id = '" + caseId
                    + "' and reason is not null");
            assertTrue(reasons.next());
            assertEquals("NOT_LEGAL_IN_STATE", reasons.getString(1));
            assertFalse(reasons.next(), "the texts are not stored");
        }
    }

    /** Every non-null value of every column of every table of the service's schema, cast to text. */
    private static List<String> everyValue(Statement sql) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        ResultSet names = sql.executeQuery("select c.table_name, c.column_name from information_schema.columns c"
                + " join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name"
                + " where c.table_schema = 'public' and t.table_type = 'BASE TABLE'");
        while (names.next()) {
            columns.add(new String[] {names.getString(1), names.getString(2)});
        }
        assertTrue(columns.stream().anyMatch(c -> c[0].equals("transitions") && c[1].equals("reason")));
        List<String> values = new ArrayList<>();
        for (String[] column : columns) {
            ResultSet all = sql.executeQuery("select \"" + column[1] + "\"::text from \"" + column[0] + "\" where \""
                    + column[1] + "\" is not null");
            while (all.next()) {
                values.add(all.getString(1));
            }
        }
        return values;
    }

    private static Connection connection() throws SQLException {
        return DriverManager.getConnection(HomewardTestStack.jdbcUrl("notifications"),
                HomewardTestStack.databaseUser(), HomewardTestStack.databasePassword());
    }
}
