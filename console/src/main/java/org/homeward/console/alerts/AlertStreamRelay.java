package org.homeward.console.alerts;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.console.api.HomewardApi;
import org.homeward.console.api.HomewardService;
import org.homeward.console.session.Session;
import org.homeward.console.session.SessionStore;
import org.jboss.logging.Logger;

/**
 * Relays notification-service's live stream to a browser: one upstream connection per open page, read on its own
 * thread, each event passed on as it comes (id, data, comments such as the keep-alive), with the token of the session
 * that opened it. Ends when either side ends, and when that session ends (sign-out, idle or absolute timeout, its
 * token's expiry: checked every second); notification-service itself ends the upstream when the token expires. The
 * browser's EventSource then reconnects with {@code Last-Event-ID}, and the new relay takes the session's current
 * token, or is refused (401) when the session is gone. At most {@code homeward.console.stream.max-open} streams at
 * once on this replica.
 */
@ApplicationScoped
public class AlertStreamRelay {

    private static final Logger LOG = Logger.getLogger(AlertStreamRelay.class);
    private static final String PATH = "/api/v1/notifications/stream";

    @Inject
    HomewardApi api;

    @Inject
    SessionStore sessions;

    /** The relays open now, each ended by {@link #endOrphans} once its session has ended. */
    private final Set<Relay> relays = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "alert-stream-watch");
        thread.setDaemon(true);
        return thread;
    });

    private final Semaphore open;
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "alert-stream-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public AlertStreamRelay(@ConfigProperty(name = "homeward.console.stream.max-open", defaultValue = "500") int max) {
        this.open = new Semaphore(max);
        watch.scheduleWithFixedDelay(this::endOrphans, 1, 1, TimeUnit.SECONDS);
    }

    /** Relays the stream for {@code session} (its token) until either side or the session ends. */
    public void open(Session session, String lastEventId, SseEventSink sink, Sse sse) {
        if (!open.tryAcquire()) {
            sink.close();
            return;
        }
        Relay relay = new Relay(session.id(), sink);
        relays.add(relay);
        try {
            executor.execute(() -> {
                try {
                    relay(relay, session.token(), lastEventId, sse);
                } finally {
                    relays.remove(relay);
                    open.release();
                }
            });
        } catch (RejectedExecutionException e) {
            relays.remove(relay);
            open.release();
            sink.close();
        }
    }

    /** Relays open now (for tests and diagnostics). */
    int openRelays() {
        return relays.size();
    }

    /** Ends every relay whose session has ended. */
    void endOrphans() {
        for (Relay relay : relays) {
            if (!sessions.live(relay.sessionId)) {
                relay.end();
            }
        }
    }

    /**
     * One relayed stream: the session it belongs to, the browser's end and, once opened, notification-service's.
     * {@link #end} closes both; the relaying thread then stops.
     */
    private static final class Relay {

        final String sessionId;
        final SseEventSink sink;
        private volatile Stream<String> upstream;
        private volatile boolean ended;

        Relay(String sessionId, SseEventSink sink) {
            this.sessionId = sessionId;
            this.sink = sink;
        }

        void upstream(Stream<String> lines) {
            upstream = lines;
            if (ended) {
                lines.close();
            }
        }

        void end() {
            ended = true;
            Stream<String> lines = upstream;
            if (lines != null) {
                try {
                    lines.close();
                } catch (RuntimeException e) {
                    // already closed
                }
            }
            if (!sink.isClosed()) {
                sink.close();
            }
        }
    }

    private void relay(Relay relay, String token, String lastEventId, Sse sse) {
        SseEventSink sink = relay.sink;
        HttpResponse<Stream<String>> upstream;
        try {
            upstream = api.openStream(HomewardService.NOTIFICATIONS, PATH, token, lastEventId);
        } catch (RuntimeException e) {
            LOG.debugf("the alert stream could not be opened (%s)", e.getClass().getSimpleName());
            sink.close();
            return;
        }
        relay.upstream(upstream.body());
        try (Stream<String> lines = upstream.body()) {
            Iterator<String> it = lines.iterator();
            String id = null;
            String name = null;
            StringBuilder data = null;
            while (!sink.isClosed() && it.hasNext()) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (data != null) {
                        OutboundSseEvent.Builder event = sse.newEventBuilder().data(data.toString());
                        if (id != null) {
                            event.id(id);
                        }
                        if (name != null) {
                            event.name(name);
                        }
                        if (!send(sink, event.build())) {
                            break;
                        }
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    if (!send(sink, sse.newEventBuilder().comment(line.substring(1).strip()).build())) {
                        break;
                    }
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        case "retry" -> {
                            try {
                                send(sink, sse.newEventBuilder().reconnectDelay(Long.parseLong(value.strip()))
                                        .comment("retry").build());
                            } catch (NumberFormatException ignored) {
                                // not a number: ignored, as a browser would
                            }
                        }
                        default -> {
                            // unknown fields are ignored, as a browser would
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.debugf("the alert stream ended (%s)", e.getClass().getSimpleName());
        } finally {
            if (!sink.isClosed()) {
                sink.close();
            }
        }
    }

    private static boolean send(SseEventSink sink, OutboundSseEvent event) {
        if (sink.isClosed()) {
            return false;
        }
        try {
            sink.send(event).toCompletableFuture().get(10, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        watch.shutdownNow();
        executor.shutdownNow();
    }
}
