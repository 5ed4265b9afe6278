package org.homeward.notifications.delivery.webhook;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.notifications.delivery.domain.AttemptResult;
import org.homeward.notifications.delivery.domain.ClaimedDelivery;
import org.homeward.notifications.delivery.domain.Sender;
import org.homeward.notifications.subscription.domain.WebhookTargets;
import org.homeward.support.tracing.Traces;

/**
 * Makes one webhook attempt: a signed POST (Standard Webhooks headers), strict time limits, no redirects, and the
 * target's resolved addresses checked against {@link WebhookTargets} first. Asynchronous: a slow receiver holds no
 * thread, only one of the engine's bounded in-flight slots.
 */
@ApplicationScoped
public class WebhookSender implements Sender {

    static final String USER_AGENT = "Homeward-Webhooks/1";

    private final Duration requestTimeout;
    private final WebhookTargets targets;
    private final ExecutorService executor;
    private final HttpClient client;
    Clock clock = Clock.systemUTC();

    public WebhookSender(
            @ConfigProperty(name = "homeward.webhooks.connect-timeout", defaultValue = "PT3S") Duration connectTimeout,
            @ConfigProperty(name = "homeward.webhooks.request-timeout", defaultValue = "PT10S") Duration requestTimeout,
            @ConfigProperty(name = "homeward.webhooks.allow-loopback", defaultValue = "false") boolean allowLoopback) {
        this.requestTimeout = requestTimeout;
        this.targets = new WebhookTargets(allowLoopback);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "webhook-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .executor(executor)
                .build();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        executor.shutdownNow();
    }

    @Override
    public CompletableFuture<AttemptResult> send(ClaimedDelivery delivery) {
        URI target = URI.create(delivery.target());
        return CompletableFuture.supplyAsync(() -> targets.checkResolved(target), executor)
                .thenCompose(refusal -> refusal.isPresent()
                        ? CompletableFuture.completedFuture(AttemptResult.permanent(null, refusal.get()))
                        : post(target, delivery))
                .exceptionally(WebhookSender::failure);
    }

    private CompletableFuture<AttemptResult> post(URI target, ClaimedDelivery delivery) {
        String id = delivery.notificationId().toString();
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(delivery.secret(), id, timestamp, delivery.payload()));
        if (delivery.traceparent() != null) { // the attempt's span: a receiver that traces continues the trace
            builder.header(Traces.TRACEPARENT, delivery.traceparent());
        }
        HttpRequest request = builder
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
                .build();
        CompletableFuture<HttpResponse<Void>> exchange = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        // The request timeout covers the wait for the response headers; this bounds the body too.
        return exchange.orTimeout(requestTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS)
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        exchange.cancel(true);
                    }
                })
                .thenApply(WebhookSender::classify);
    }

    static AttemptResult classify(HttpResponse<?> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return AttemptResult.delivered(status);
        }
        if (status == 429 || status == 408 || status >= 500) {
            return AttemptResult.retryable(status, "HTTP " + status,
                    retryAfter(response.headers().firstValue("Retry-After"), Clock.systemUTC()));
        }
        return AttemptResult.permanent(status, status >= 300 && status < 400
                ? "HTTP " + status + " (redirects are not followed)" : "HTTP " + status);
    }

    /** {@code Retry-After} as delay-seconds or an HTTP date; empty when absent or unreadable. */
    static Optional<Duration> retryAfter(Optional<String> header, Clock clock) {
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), when.toInstant());
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    static AttemptResult failure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof HttpConnectTimeoutException) {
            return AttemptResult.retryable(null, "connect timeout", Optional.empty());
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return AttemptResult.retryable(null, "timeout", Optional.empty());
        }
        if (cause instanceof ConnectException) {
            return AttemptResult.retryable(null, "connection refused or unreachable", Optional.empty());
        }
        if (cause instanceof IOException) {
            return AttemptResult.retryable(null, "I/O error (" + cause.getClass().getSimpleName() + ")",
                    Optional.empty());
        }
        if (cause instanceof IllegalArgumentException) {
            return AttemptResult.permanent(null, "target URL not usable");
        }
        return AttemptResult.retryable(null, "failed (" + cause.getClass().getSimpleName() + ")", Optional.empty());
    }
}
