package org.homeward.stack;

/** A running Kafka and PostgreSQL, embedded or in containers; the services only ever see these addresses. */
public interface Infrastructure extends AutoCloseable {

    String kafkaBootstrapServers();

    String jdbcUrl(String database);

    String databaseUser();

    String databasePassword();

    /** "embedded" or "containers", for the operator's information. */
    String kind();

    @Override
    void close();
}
