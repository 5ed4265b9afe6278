package org.homeward.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A partner's webhook endpoint on 127.0.0.1: verifies every signature (Standard Webhooks, docs/webhooks.md), answers
 * 204, and keeps what arrived: how often each {@code webhook-id} came, and which webhook-ids carried each event's
 * transition. It deduplicates nothing, so a webhook sent twice is counted twice.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private volatile String secret;
    final AtomicLong received = new AtomicLong();
    final AtomicLong badSignatures = new AtomicLong();
    /** Arrivals per webhook-id. */
    final Map<String, AtomicInteger> byWebhookId = new ConcurrentHashMap<>();
    /** The webhook-ids that carried each event's transition, by event id. */
    final Map<String, Set<String>> byEventId = new ConcurrentHashMap<>();
    /** Webhooks of transitions without an event (a derivation announced again) or not about an event. */
    final AtomicLong withoutEvent = new AtomicLong();
    volatile long lastArrivalNanos;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        ExecutorService handlers = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "webhook-receiver");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(handlers);
        server.createContext("/hooks/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                var headers = exchange.getRequestHeaders();
                String id = headers.getFirst("webhook-id");
                if (!verify(id, headers.getFirst("webhook-timestamp"), body, headers.getFirst("webhook-signature"))) {
                    badSignatures.incrementAndGet();
                }
                arrived(id, body);
                exchange.sendResponseHeaders(204, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/chaos";
    }

    void secret(String secret) {
        this.secret = secret;
    }

    private void arrived(String webhookId, String body) {
        received.incrementAndGet();
        lastArrivalNanos = System.nanoTime();
        byWebhookId.computeIfAbsent(String.valueOf(webhookId), k -> new AtomicInteger()).incrementAndGet();
        try {
            JsonNode eventId = JSON.readTree(body).path("data").path("eventId");
            if (eventId.isTextual()) {
                byEventId.computeIfAbsent(eventId.asText(), k -> ConcurrentHashMap.newKeySet())
                        .add(String.valueOf(webhookId));
            } else {
                withoutEvent.incrementAndGet();
            }
        } catch (IOException e) {
            withoutEvent.incrementAndGet();
        }
    }

    private boolean verify(String id, String timestamp, String body, String signature) {
        String key = secret;
        if (key == null || id == null || timestamp == null || signature == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(key.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = ("v1," + Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8))))
                    .getBytes(StandardCharsets.UTF_8);
            for (String candidate : signature.split(" ")) {
                if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8))) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
