package org.homeward.cases.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.homeward.cases.Callers;
import org.homeward.stack.HomewardTestStack;
import org.homeward.support.identity.Roles;
import org.junit.jupiter.api.Test;

/**
 * Migrations run as the database's owner, the service as a role of its own that owns nothing (issue 15, point 4). The
 * case service's connections are its service role's; that role may insert and read audit records but neither change
 * nor remove them, and it can neither drop nor disable the append-only triggers, nor alter or drop a table, nor
 * create one: only the owner could set the audit log's guards aside, and the service cannot act as the owner.
 */
@QuarkusTest
@QuarkusTestResource(value = HomewardTestStack.class, initArgs = @ResourceArg(name = "database", value = "cases"))
class ServiceRoleTest {

    static final String ROLE = HomewardTestStack.serviceUser("cases");

    @Test
    void theServiceConnectsAsARoleThatOwnsNothing() throws SQLException {
        Callers.as("org-role-test", "reader", Roles.CASEWORKER).get("/api/v1/cases").then().statusCode(200);
        try (Connection owner = owner()) {
            assertTrue(strings(owner, "select distinct usename from pg_stat_activity where datname = 'cases'")
                    .contains(ROLE), "the case service's pool connects as " + ROLE);
            assertEquals(List.of("0"), strings(owner, "select count(*) from pg_class c join pg_roles r "
                    + "on r.oid = c.relowner where r.rolname = '" + ROLE + "'"), "the service role owns no table");
            assertEquals(List.of("false"), strings(owner, "select (rolsuper or rolcreaterole or rolcreatedb)::text "
                    + "from pg_roles where rolname = '" + ROLE + "'"));
            assertEquals(List.of("t|t|f|f|f"), strings(owner, "select concat_ws('|', "
                    + "has_table_privilege('" + ROLE + "', 'audit_log', 'INSERT'), "
                    + "has_table_privilege('" + ROLE + "', 'audit_log', 'SELECT'), "
                    + "has_table_privilege('" + ROLE + "', 'audit_log', 'UPDATE'), "
                    + "has_table_privilege('" + ROLE + "', 'audit_log', 'DELETE'), "
                    + "has_table_privilege('" + ROLE + "', 'audit_log', 'TRUNCATE'))"));
            assertEquals(List.of("true"), strings(owner, "select has_table_privilege('" + ROLE + "', 'cases', "
                    + "'SELECT, INSERT, UPDATE, DELETE')::text"), "its own tables' rows it reads and writes");
        }
    }

    @Test
    void theServiceRoleCannotRewriteTheAuditLogNorSetItsGuardsAside() throws SQLException {
        try (Connection service = DriverManager.getConnection(HomewardTestStack.jdbcUrl("cases"), ROLE,
                HomewardTestStack.databasePassword())) {
            assertEquals(List.of(ROLE), strings(service, "select current_user"));
            strings(service, "select count(*) from audit_log"); // reading is allowed
            List<String> answers = new ArrayList<>();
            for (String change : List.of(
                    "update audit_log set subject = 'someone else' where id = -1",
                    "delete from audit_log where id = -1",
                    "truncate audit_log",
                    "drop trigger audit_log_no_update_or_delete on audit_log",
                    "alter table audit_log disable trigger all",
                    "drop function audit_log_append_only() cascade",
                    "alter table audit_log drop column hash",
                    "drop table audit_log",
                    "create table audit_log_copy (id bigint)")) {
                SQLException refused = assertThrows(SQLException.class, () -> {
                    try (Statement statement = service.createStatement()) {
                        statement.execute(change);
                    }
                }, change);
                assertEquals("42501", refused.getSQLState(), change + ": " + refused.getMessage());
                answers.add(refused.getMessage());
            }
            answers.forEach(answer -> assertTrue(answer.contains("permission denied") || answer.contains("must be "
                    + "owner"), "refused for lack of privilege, not by a trigger: " + answer));
        }
    }

    private static Connection owner() throws SQLException {
        return DriverManager.getConnection(HomewardTestStack.jdbcUrl("cases"), HomewardTestStack.databaseUser(),
                HomewardTestStack.databasePassword());
    }

    private static List<String> strings(Connection db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = db.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
