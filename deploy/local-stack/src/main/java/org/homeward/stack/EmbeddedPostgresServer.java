package org.homeward.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real PostgreSQL server from the binaries zonky ships in Maven jars. Its data directory persists across restarts.
 * A postmaster outlives a SIGKILL of the JVM that started it, so a start first stops one left running on the folder.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private final Path dataDir;
    private final Path binariesDir;
    private final Path logFile;
    private final int port;
    private EmbeddedPostgres postgres; // null while stopped (stop/start as a fault)
    private List<ProcessHandle> paused = List.of();

    private EmbeddedPostgresServer(Path dataDir, Path binariesDir, Path logFile, int port, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.binariesDir = binariesDir;
        this.logFile = logFile;
        this.port = port;
        this.postgres = postgres;
    }

    static EmbeddedPostgresServer start(Path dataDir, Path binariesDir, Path logFile, int port) throws IOException {
        return new EmbeddedPostgresServer(dataDir, binariesDir, logFile, port,
                launch(dataDir, binariesDir, logFile, port));
    }

    private static EmbeddedPostgres launch(Path dataDir, Path binariesDir, Path logFile, int port) throws IOException {
        Files.createDirectories(binariesDir);
        Files.createDirectories(logFile.getParent());
        stopStalePostmaster(dataDir);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binariesDir.toFile())
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
                .start();
    }

    /** The superuser; the server trusts loopback connections only (listen_addresses=127.0.0.1). */
    String user() {
        return "postgres";
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * Freezes the server without closing anything (SIGSTOP to the postmaster and every process under it: the
     * backends, the checkpointer, the WAL writer ...). Open connections stay open and new ones are accepted by the
     * kernel, but nothing answers: a stuck server or a network partition, not a refusal. {@link #resume} ends it.
     */
    synchronized void pause() {
        if (!paused.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = postmaster().orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
        List<ProcessHandle> stopped = new java.util.ArrayList<>();
        signal("STOP", List.of(postmaster)); // first, so that it forks no new backend meanwhile
        stopped.add(postmaster);
        // A backend forked just before the postmaster stopped shows up in a second look.
        for (int round = 0; round < 3; round++) {
            List<ProcessHandle> more = postmaster.descendants().filter(p -> !stopped.contains(p)).toList();
            if (more.isEmpty()) {
                break;
            }
            signal("STOP", more);
            stopped.addAll(more);
        }
        paused = List.copyOf(stopped);
    }

    /** Ends {@link #pause}: every frozen process continues where it stopped. */
    synchronized void resume() {
        if (paused.isEmpty()) {
            return;
        }
        List<ProcessHandle> reversed = new java.util.ArrayList<>(paused);
        java.util.Collections.reverse(reversed); // children first, the postmaster last
        signal("CONT", reversed.stream().filter(ProcessHandle::isAlive).toList());
        paused = List.of();
    }

    /** Stops the server (fast shutdown: open sessions are ended); the data directory and the port stay reserved. */
    synchronized void stop() throws IOException {
        resume();
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    /** Starts the server again after {@link #stop}, on the same port and data directory. */
    synchronized void startAgain() throws IOException {
        if (postgres == null) {
            postgres = launch(dataDir, binariesDir, logFile, port);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        stop();
    }

    private Optional<ProcessHandle> postmaster() {
        try {
            Path pidFile = dataDir.resolve("postmaster.pid");
            if (postgres == null || !Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty()
                    : parsePid(lines.get(0)).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void signal(String signal, List<ProcessHandle> processes) {
        if (processes.isEmpty()) {
            return;
        }
        List<String> command = new java.util.ArrayList<>(List.of("kill", "-" + signal));
        processes.forEach(p -> command.add(Long.toString(p.pid())));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (kill.waitFor() != 0 && processes.stream().allMatch(ProcessHandle::isAlive)) {
                throw new IllegalStateException("kill -" + signal + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + signal, e);
        }
    }

    static void stopStalePostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        Optional<ProcessHandle> stale = lines.isEmpty() ? Optional.empty()
                : parsePid(lines.get(0)).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                        .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true));
        if (stale.isPresent()) {
            System.err.println("Stopping a PostgreSQL server left running on " + dataDir + " (pid " + stale.get().pid() + ")");
            ProcessHandle process = stale.get();
            process.destroy(); // SIGTERM: PostgreSQL's smart shutdown
            try {
                process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
