package org.homeward.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** The ports of the stack: fixed for the local system, free ones for tests. */
public record Ports(int kafka, int kafkaController, int postgres) {

    /** What `./homeward up` uses; chosen away from the defaults so that a system Kafka or PostgreSQL can coexist. */
    public static final Ports LOCAL = new Ports(19092, 19093, 15432);

    public static Ports free() {
        return new Ports(freePort(), freePort(), freePort());
    }

    /** Where free ports are picked: below Linux's ephemeral range (32768 and up by default). */
    static final int FIRST = 20_000;
    static final int LAST = 32_000;

    /** Ports this JVM handed out: a system picks all its ports before anything binds them, so a pick must not repeat. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Each JVM picks first from its own band of 1,000 ports (by process id), so that two test or benchmark JVMs
     * starting systems at the same time rarely pick the same port between one's check and its bind. */
    static final int BAND = 1_000;
    private static final int BAND_START = FIRST + (int) (ProcessHandle.current().pid() % ((LAST - FIRST) / BAND)) * BAND;

    /**
     * A port nothing listens on, not handed out before by this JVM, picked below the ephemeral range. A port the
     * kernel hands out for "any free port" lies in the range it also takes the local ports of outgoing connections
     * from: between picking it and the service binding it (seconds, while a service starts and its Kafka clients
     * connect), an outgoing connection could take it, and the service would fail to start ("port in use").
     */
    public static int freePort() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 400; attempt++) {
            int port = attempt < 200 ? random.nextInt(BAND_START, BAND_START + BAND) : random.nextInt(FIRST, LAST);
            if (!HANDED_OUT.contains(port) && isFree(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when nothing listens on the port on loopback. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
