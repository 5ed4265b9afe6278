package org.homeward.console.alerts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.homeward.console.support.StandInApis;

/**
 * Stands in for notification-service with a live stream that stays open: {@code : connected}, then a keep-alive every
 * 200 ms until the console closes the connection (or a minute passes), noting when it did. Every other request is
 * answered with an empty feed. Also writes a fresh key for the local sign-in.
 */
public class OpenStreamStandIn implements QuarkusTestResourceLifecycleManager {

    /** Upstream streams open now. */
    static final AtomicInteger OPEN = new AtomicInteger();
    /** When the console last closed an upstream stream. */
    static final AtomicReference<Instant> CLOSED = new AtomicReference<>();

    private HttpServer server;
    private ExecutorService executor;

    @Override
    public Map<String, String> start() {
        try {
            Path keys = Files.createDirectories(Path.of("target", "test-keys"));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            Path pem = keys.resolve("open-stream-sign-in.pem");
            Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            executor = Executors.newCachedThreadPool();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(executor);
            server.createContext("/", this::handle);
            server.start();
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            return Map.of("homeward.console.intake-url", url, "homeward.console.case-url", url,
                    "homeward.console.notification-url", url,
                    "homeward.console.local-sign-in.private-key", pem.toAbsolutePath().toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/api/v1/notifications/stream")) {
            byte[] body = StandInApis.NO_ALERTS.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OPEN.incrementAndGet();
        // A keep-alive every 200 ms, at a fixed rate, for a minute at most or until the console closes the stream.
        ScheduledExecutorService keepAlives = Executors.newSingleThreadScheduledExecutor();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            keepAlives.scheduleAtFixedRate(() -> {
                try {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException closedByTheConsole) {
                    closed.completeExceptionally(closedByTheConsole);
                }
            }, 200, 200, TimeUnit.MILLISECONDS);
            closed.get(1, TimeUnit.MINUTES);
        } catch (ExecutionException | IOException closedByTheConsole) {
            CLOSED.set(Instant.now());
        } catch (TimeoutException stillOpenAfterAMinute) {
            // the stand-in's bound: it ends the stream itself
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            keepAlives.shutdownNow();
            OPEN.decrementAndGet();
        }
    }
}
