package org.homeward.stack;

import java.nio.file.Path;

/** Kafka in this JVM and PostgreSQL as a child process, both keeping their data under one folder. */
final class EmbeddedInfrastructure implements Infrastructure {

    private final EmbeddedKafka kafka;
    private final EmbeddedPostgresServer postgres;

    private EmbeddedInfrastructure(EmbeddedKafka kafka, EmbeddedPostgresServer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    /**
     * Starts both at once (they take a few seconds each). {@code binariesDir} is where PostgreSQL's binaries are
     * unpacked, shareable between data folders.
     */
    static EmbeddedInfrastructure start(Path dataDir, Path binariesDir, Ports ports) throws Exception {
        var postgresStart = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return EmbeddedPostgresServer.start(dataDir.resolve("postgres"), binariesDir,
                        dataDir.resolve("logs").resolve("postgres.log"), ports.postgres());
            } catch (Exception e) {
                throw new IllegalStateException("PostgreSQL did not start: " + e.getMessage(), e);
            }
        });
        EmbeddedKafka kafka;
        try {
            kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), ports.kafka(), ports.kafkaController());
        } catch (Exception e) {
            postgresStart.thenAccept(EmbeddedInfrastructure::closeQuietly);
            throw new IllegalStateException("Kafka did not start: " + e.getMessage(), e);
        }
        try {
            return new EmbeddedInfrastructure(kafka, postgresStart.join());
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    @Override
    public String databaseUser() {
        return postgres.user();
    }

    @Override
    public String databasePassword() {
        return "";
    }

    @Override
    public void interruptKafka() {
        kafka.stop();
    }

    @Override
    public void resumeKafka() {
        kafka.restart();
    }

    @Override
    public boolean canPauseKafka() {
        return true;
    }

    @Override
    public void pauseKafka() {
        kafka.pause();
    }

    @Override
    public void pausePostgres() {
        postgres.pause();
    }

    @Override
    public void resumePostgres() {
        postgres.resume();
    }

    @Override
    public void stopPostgres() {
        try {
            postgres.stop();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("PostgreSQL did not stop", e);
        }
    }

    @Override
    public void startPostgres() {
        try {
            postgres.startAgain();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("PostgreSQL did not start again", e);
        }
    }

    @Override
    public String kind() {
        return "embedded";
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            closeQuietly(postgres);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("Could not stop " + closeable.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
