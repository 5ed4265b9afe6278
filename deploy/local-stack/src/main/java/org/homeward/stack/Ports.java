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

    public static int freePort() {
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
