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

    /** Ends {@link #interruptKafka} or {@link #pauseKafka}: the broker answers again on the same address, same data. */
    void resumeKafka();

    /** Whether {@link #pauseKafka} is possible (both stacks can). */
    default boolean canPauseKafka() {
        return false;
    }

    /**
     * Freezes the broker with its connections open: requests hang, nothing is refused, and requests sent meanwhile
     * reach the broker once it continues (as with SIGSTOP). Embedded: the broker runs in this JVM, so a proxy in front
     * of it stops moving bytes; containers: the container is paused. {@link #resumeKafka} ends it.
     */
    default void pauseKafka() {
        throw new UnsupportedOperationException("This stack cannot pause Kafka; use interruptKafka()");
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
