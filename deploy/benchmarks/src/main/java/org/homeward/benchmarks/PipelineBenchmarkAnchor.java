package org.homeward.benchmarks;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.homeward.stack.Infrastructure;

/**
 * The database anchor of {@link PipelineBenchmark}: what the same PostgreSQL server does with one event per
 * transaction, measured like pgbench's simple write (the zonky binaries ship {@code initdb}, {@code pg_ctl} and
 * {@code postgres} only, no {@code pgbench}): each transaction inserts one event row and updates one case row, then
 * commits, through JDBC, with the server's settings: the same commit the services get (the embedded server runs
 * with zonky's {@code fsync=off} and {@code synchronous_commit=off}; {@link #settings} prints them). A scratch database
 * {@code pipeline_anchor} on the same server holds the two scratch tables; nothing of the services is touched.
 */
final class PipelineBenchmarkAnchor {

    static final String DATABASE = "pipeline_anchor";
    private static final int CASES = 10_000;

    private final Infrastructure infrastructure;

    PipelineBenchmarkAnchor(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    /** The anchor at 1 client and at 4, and the server's settings it ran with. */
    record Run(Measurements oneClient, Measurements fourClients, String settings) {
    }

    /** Measures the anchor at 1 client, then at 4, {@code seconds} each, in a scratch database it drops after. */
    static Run measure(Infrastructure infrastructure, int seconds, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "Anchor: one event per transaction on the same PostgreSQL, %d s at 1 client,"
                + " %d s at 4 ...%n", seconds, seconds);
        PipelineBenchmarkAnchor anchor = new PipelineBenchmarkAnchor(infrastructure);
        anchor.prepare();
        Measurements one = anchor.run(1, Duration.ofSeconds(seconds));
        Measurements four = anchor.run(4, Duration.ofSeconds(seconds));
        String settings = anchor.settings();
        anchor.drop();
        return new Run(one, four, settings);
    }

    /** Creates the scratch database and tables (again, empty). */
    void prepare() throws SQLException {
        try (Connection admin = connect("postgres"); Statement s = admin.createStatement()) {
            s.execute("drop database if exists " + DATABASE);
            s.execute("create database " + DATABASE);
        }
        try (Connection c = connect(DATABASE); Statement s = c.createStatement()) {
            s.execute("create table anchor_cases (id integer primary key, events bigint not null,"
                    + " updated_at timestamptz not null)");
            s.execute("create table anchor_events (id bigint generated always as identity primary key,"
                    + " case_id integer not null, payload text not null, recorded_at timestamptz not null)");
            s.execute("insert into anchor_cases select g, 0, now() from generate_series(1, " + CASES + ") g");
            s.execute("vacuum analyze anchor_cases");
        }
    }

    /**
     * {@code clients} connections, each committing insert + update transactions for {@code duration}, with the
     * server's settings, as the services commit ({@link #settings}).
     */
    Measurements run(int clients, Duration duration) throws Exception {
        String name = "anchor: 1 event/tx, " + clients + (clients == 1 ? " client" : " clients");
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Measurements>> workers = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int i = 0; i < clients; i++) {
            workers.add(pool.submit(() -> {
                Measurements own = new Measurements(name);
                try (Connection c = connect(DATABASE);
                        PreparedStatement insert = c.prepareStatement("insert into anchor_events (case_id, payload,"
                                + " recorded_at) values (?, ?, now())");
                        PreparedStatement update = c.prepareStatement("update anchor_cases set events = events + 1,"
                                + " updated_at = now() where id = ?")) {
                    c.setAutoCommit(false);
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (System.nanoTime() < end) {
                        long began = System.nanoTime();
                        int caseId = 1 + random.nextInt(CASES);
                        insert.setInt(1, caseId);
                        insert.setString(2, "a benchmark event of about the size of a note, " + began);
                        insert.executeUpdate();
                        update.setInt(1, caseId);
                        update.executeUpdate();
                        c.commit();
                        own.record(System.nanoTime() - began);
                    }
                }
                return own;
            }));
        }
        Measurements all = new Measurements(name);
        for (Future<Measurements> worker : workers) {
            all.merge(worker.get());
        }
        all.wallClock(Duration.ofNanos(System.nanoTime() - start));
        pool.shutdown();
        return all;
    }

    /** The server settings that decide what a commit costs, as "name=value" pairs. */
    String settings() throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection c = connect("postgres"); Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("select name, setting, unit from pg_settings where name in"
                        + " ('server_version', 'fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method',"
                        + " 'shared_buffers', 'max_connections', 'track_commit_timestamp') order by name")) {
            while (rs.next()) {
                text.append(text.length() == 0 ? "" : ", ").append(rs.getString(1)).append('=')
                        .append(rs.getString(2)).append(rs.getString(3) == null ? "" : " x " + rs.getString(3));
            }
        }
        return text.toString();
    }

    void drop() throws SQLException {
        try (Connection admin = connect("postgres"); Statement s = admin.createStatement()) {
            s.execute("drop database if exists " + DATABASE);
        }
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(infrastructure.jdbcUrl(database), infrastructure.databaseUser(),
                infrastructure.databasePassword());
    }
}
