package org.homeward.stack;

/** A running Kafka and PostgreSQL, embedded or in containers; the services only ever see these addresses. */
public interface Infrastructure extends AutoCloseable {

    String kafkaBootstrapServers();

    String jdbcUrl(String database);

    String databaseUser();

    String databasePassword();

    /**
     * Makes Kafka unreachable, keeping its address and data, to test an outage; {@link #resumeKafka} ends it.
     * Embedded: the broker stops (its ports close). Containers: the container is paused (connections hang).
     */
    void interruptKafka();

    /** Ends {@link #interruptKafka}: the broker answers again on the same address with the same data. */
    void resumeKafka();

    /**
     * Whether {@link #pauseKafka} is possible: containers only. The embedded broker runs inside this JVM, where its
     * threads cannot be frozen as a whole; {@link #interruptKafka} (ports closed) is the outage it offers.
     */
    default boolean canPauseKafka() {
        return false;
    }

    /**
     * Freezes the broker with its connections open (requests hang, nothing is refused); {@link #resumeKafka} ends
     * it. Only where {@link #canPauseKafka} answers true.
     */
    default void pauseKafka() {
        throw new UnsupportedOperationException("The embedded Kafka broker runs in this JVM and cannot be paused;"
                + " use interruptKafka() (its ports close) or the container stack (HOMEWARD_STACK=containers)");
    }

    /**
     * Freezes PostgreSQL without closing anything: embedded, SIGSTOP to the postmaster and every process under it
     * (backends, checkpointer, WAL writer); containers, the container is paused. Open connections stay open, new
     * ones are accepted by the kernel, and nothing answers: a stuck server or a partition, not a refusal.
     * {@link #resumePostgres} ends it. Tests that call this must resume before they end.
     */
    void pausePostgres();

    /** Ends {@link #pausePostgres}: every frozen process continues (SIGCONT); idempotent. */
    void resumePostgres();

    /**
     * Stops PostgreSQL (fast shutdown: sessions are ended, connections refused afterwards), keeping its data and
     * address; {@link #startPostgres} starts it again. A paused server is resumed first.
     */
    void stopPostgres();

    /** Starts PostgreSQL again after {@link #stopPostgres}, on the same port and data; idempotent. */
    void startPostgres();

    /** "embedded" or "containers", for the operator's information. */
    String kind();

    @Override
    void close();
}
