package org.homeward.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder in front of the embedded Kafka broker, so that the broker can be frozen like a paused process though
 * it runs in this JVM: {@link #pause} stops moving bytes either way while every connection stays open (clients wait,
 * nothing is refused), {@link #resume} moves them again. {@link #close} closes the port and every connection.
 */
final class PausableProxy implements AutoCloseable {

    private final int port;
    private final int upstreamPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private volatile boolean paused;
    private volatile ServerSocket server;

    private PausableProxy(int port, int upstreamPort) {
        this.port = port;
        this.upstreamPort = upstreamPort;
    }

    /** Listens on 127.0.0.1:{@code port} and forwards to 127.0.0.1:{@code upstreamPort}. */
    static PausableProxy start(int port, int upstreamPort) throws IOException {
        PausableProxy proxy = new PausableProxy(port, upstreamPort);
        proxy.open();
        return proxy;
    }

    synchronized void open() throws IOException {
        if (server != null) {
            return;
        }
        ServerSocket listening = new ServerSocket();
        listening.setReuseAddress(true);
        listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        server = listening;
        Thread acceptor = new Thread(() -> accept(listening), "kafka-proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    void pause() {
        paused = true;
    }

    void resume() {
        synchronized (gate) {
            paused = false;
            gate.notifyAll();
        }
    }

    boolean isPaused() {
        return paused;
    }

    /**
     * Closes the port and every connection; bytes a pause held are dropped (the connections close first, then the
     * held threads are let go and find them closed).
     */
    @Override
    public synchronized void close() {
        ServerSocket listening = server;
        server = null;
        closeQuietly(listening);
        sockets.forEach(PausableProxy::closeQuietly);
        sockets.clear();
        resume();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            Socket client;
            try {
                client = listening.accept();
            } catch (IOException e) {
                return; // closed
            }
            Socket upstream = new Socket();
            try {
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 5_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                continue; // the broker is not there: the client sees the connection close, as with a refusal
            }
            sockets.add(client);
            sockets.add(upstream);
            pipe(client, upstream, "up");
            pipe(upstream, client, "down");
        }
    }

    private void pipe(Socket from, Socket to, String direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    awaitUnpaused();
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // a side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "kafka-proxy-" + direction + "-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private void awaitUnpaused() throws InterruptedException {
        if (!paused) {
            return;
        }
        synchronized (gate) {
            while (paused) {
                gate.wait();
            }
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
