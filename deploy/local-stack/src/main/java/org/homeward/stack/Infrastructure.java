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

    /** "embedded" or "containers", for the operator's information. */
    String kind();

    @Override
    void close();
}
