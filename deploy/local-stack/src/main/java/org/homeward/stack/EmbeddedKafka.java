package org.homeward.stack;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real, single-node Apache Kafka broker (KRaft, combined broker and controller) running in this JVM from Kafka's own
 * jars. Its log directory persists: a second start on the same folder keeps every topic and offset. Tests can
 * {@link #stop} it and {@link #restart} it on the same ports and folder, as a broker outage, or {@link #pause} it.
 *
 * <p>Clients reach the broker through a {@link PausableProxy} on the public port (the broker listens on a private one
 * and advertises the public one, so every connection goes through the proxy): {@link #pause} freezes the broker as a
 * SIGSTOP would (connections stay open, nothing answers, requests sent meanwhile reach the broker after
 * {@link #resume}), which a broker running inside this JVM could not do otherwise.
 */
final class EmbeddedKafka implements AutoCloseable {

    private static final int NODE_ID = 1;
    private final KafkaConfig config;
    private final String bootstrapServers;
    private final PausableProxy proxy;
    private KafkaRaftServer server;

    private EmbeddedKafka(KafkaConfig config, KafkaRaftServer server, String bootstrapServers, PausableProxy proxy) {
        this.config = config;
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.proxy = proxy;
    }

    static EmbeddedKafka start(Path logDir, int port, int controllerPort) throws Exception {
        Files.createDirectories(logDir);
        String dir = logDir.toAbsolutePath().toString();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        int brokerPort = Ports.freePort(); // private: clients come through the proxy on the public port
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", dir);
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "3");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("min.insync.replicas", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        KafkaConfig config = new KafkaConfig(props, false);

        if (!Files.exists(logDir.resolve("meta.properties"))) {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(Set.of(dir))
                    .setMetadataLogDirectory(dir)
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        PausableProxy proxy;
        try {
            proxy = PausableProxy.start(port, brokerPort);
        } catch (java.io.IOException | RuntimeException e) {
            server.shutdown();
            server.awaitShutdown();
            throw e;
        }
        return new EmbeddedKafka(config, server, "127.0.0.1:" + port, proxy);
    }

    /** Stops the broker; its ports close (connections too; requests held by a pause are dropped), its data stays. */
    synchronized void stop() {
        proxy.close();
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /**
     * Starts the broker again after {@link #stop}, on the same ports and log directory, and ends a {@link #pause}:
     * whatever ended the broker's answers, it answers again.
     */
    synchronized void restart() {
        if (server == null) {
            KafkaRaftServer restarted = new KafkaRaftServer(config, Time.SYSTEM);
            restarted.startup();
            server = restarted;
        }
        try {
            proxy.open();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Kafka's port could not be opened again", e);
        }
        proxy.resume();
    }

    /** Freezes the broker: connections stay open, nothing answers; {@link #restart} ends it. */
    void pause() {
        proxy.pause();
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        stop();
    }
}
