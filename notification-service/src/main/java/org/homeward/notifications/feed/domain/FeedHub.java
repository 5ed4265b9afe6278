package org.homeward.notifications.feed.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.events.EventCodec;
import org.homeward.notifications.advocate.Advocate;
import org.homeward.notifications.feed.api.NotificationView;
import org.homeward.support.problem.ProblemException;
import org.homeward.support.problem.ProblemType;
import org.homeward.support.problem.SafeLog;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The live feed: Server-Sent Events to advocates' open streams, whichever replica took the transition.
 *
 * <p>The transaction that creates a feed notification or an organisation's critical alert also sends a PostgreSQL
 * {@code NOTIFY} on {@value #CHANNEL} (delivered only when it commits). Every replica {@code LISTEN}s on one dedicated
 * connection and pushes each announced notification to the streams its advocate has open on that replica, and each
 * organisation's critical alert to the streams of that organisation's advocates (but one who has their own FEED
 * notification of the same transition: that one reaches them instead, so a transition arrives once). The event id is the
 * notification's feed sequence number: a browser's {@code EventSource} sends it back as {@code Last-Event-ID} when it
 * reconnects, and the stream first replays what came after it. After a lost {@code LISTEN} connection, every open
 * stream catches up from the database the same way.
 *
 * <p>A stream ends when the token that opened it expires: at its {@code exp} the stream is closed, and the client
 * reconnects with a current token (and {@code Last-Event-ID}, so it misses nothing). A stream never outlives the right
 * to read it.
 */
@ApplicationScoped
public class FeedHub {

    static final String CHANNEL = "homeward_feed";
    static final int REPLAY_LIMIT = 100;
    private static final Logger LOG = Logger.getLogger(FeedHub.class);

    @Inject
    Feed feed;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @ConfigProperty(name = "homeward.feed.heartbeat", defaultValue = "PT15S")
    Duration heartbeat;

    @ConfigProperty(name = "homeward.feed.max-streams", defaultValue = "500")
    int maxStreams;

    private final Map<Advocate, Set<Stream>> streams = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean running;
    private volatile boolean listening;
    private Thread listener;
    private ScheduledExecutorService ticker;

    /** In the transaction that created a feed notification: announce it to every replica once it commits. */
    public static void announce(Connection connection, UUID id, long seq, String organisation, String advocate)
            throws SQLException {
        pgNotify(connection, EventCodec.mapper().createObjectNode().put("id", id.toString()).put("seq", seq)
                .put("o", organisation).put("u", advocate));
    }

    /**
     * In the transaction that created an organisation's critical alert: announce it to every replica once it commits;
     * each pushes it to the streams of that organisation's advocates (but those with their own FEED notification of
     * the same transition, who receive that one).
     */
    public static void announceCritical(Connection connection, UUID id, long seq, String organisation)
            throws SQLException {
        pgNotify(connection, EventCodec.mapper().createObjectNode().put("id", id.toString()).put("seq", seq)
                .put("o", organisation));
    }

    private static void pgNotify(Connection connection, ObjectNode payload) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("select pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, payload.toString());
            notify.execute();
        }
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        listener = new Thread(this::listen, "feed-listener");
        listener.setDaemon(true);
        listener.start();
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "feed-heartbeat");
            t.setDaemon(true);
            return t;
        });
        // A stream closed before its token expires cancels its timer; drop it at once rather than at expiry.
        timers.setRemoveOnCancelPolicy(true);
        ticker = timers;
        ticker.scheduleAtFixedRate(this::beat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (ticker != null) {
            ticker.shutdownNow();
        }
        streams.values().forEach(set -> set.forEach(Stream::close));
        streams.clear();
        if (listener != null) {
            listener.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    /** True while the replica listens for announcements; readiness reports it. */
    public boolean listening() {
        return listening;
    }

    /**
     * Opens a stream for the advocate until {@code tokenExpiry}: a comment at once (so the client knows it is
     * connected), then what came after {@code lastEventId} if the client resumes, then every new notification as it is
     * committed. A token already expired (smallrye-jwt accepts one within its clock skew) answers 401.
     */
    public void open(Advocate advocate, Long lastEventId, SseEventSink sink, Sse sse, Instant tokenExpiry) {
        long untilExpiry = Duration.between(Instant.now(), tokenExpiry).toMillis();
        if (untilExpiry <= 0) {
            throw new UnauthorizedException();
        }
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            throw ProblemException.of(ProblemType.SERVICE_UNAVAILABLE, "Too many open streams; retry later");
        }
        Stream stream = new Stream(advocate, sink, sse);
        streams.computeIfAbsent(advocate, a -> ConcurrentHashMap.newKeySet()).add(stream);
        stream.expiry = ticker.schedule(stream::close, untilExpiry, TimeUnit.MILLISECONDS);
        stream.comment("connected", true);
        if (lastEventId != null) {
            stream.lastSeq = lastEventId;
            feed.after(advocate, lastEventId, REPLAY_LIMIT).forEach(stream::send);
        }
    }

    private void listen() {
        long backoff = 200;
        boolean reconnect = false;
        while (running) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password.orElse(""))) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                listening = true;
                backoff = 200;
                if (reconnect) {
                    catchUp();
                }
                reconnect = true;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            dispatch(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    return;
                }
                LOG.warnf("Feed listener lost its connection; reconnecting in %d ms: %s", backoff, SafeLog.describe(e));
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
        listening = false;
    }

    private void dispatch(String payload) {
        try {
            JsonNode announced = EventCodec.mapper().readTree(payload);
            String organisation = announced.path("o").asText();
            UUID id = UUID.fromString(announced.path("id").asText());
            if (announced.has("u")) {
                Advocate advocate = new Advocate(organisation, announced.path("u").asText());
                Set<Stream> targets = streams.get(advocate);
                if (targets == null || targets.isEmpty()) {
                    return;
                }
                feed.find(advocate, id).ifPresent(view -> targets.forEach(stream -> stream.send(view)));
                return;
            }
            // An organisation's critical alert: every advocate of the organisation with a stream open here.
            Set<String> users = new LinkedHashSet<>();
            streams.forEach((advocate, set) -> {
                if (advocate.organisation().equals(organisation) && !set.isEmpty()) {
                    users.add(advocate.user());
                }
            });
            if (users.isEmpty()) {
                return;
            }
            feed.criticalAlert(id, organisation, users).forEach((user, view) -> {
                Set<Stream> targets = streams.get(new Advocate(organisation, user));
                if (targets != null) {
                    targets.forEach(stream -> stream.send(view));
                }
            });
        } catch (Exception e) {
            LOG.warnf("A feed announcement could not be dispatched: %s", SafeLog.describe(e));
        }
    }

    /** After the LISTEN connection was lost: each open stream reads what it may have missed. */
    private void catchUp() {
        streams.values().forEach(set -> set.forEach(stream -> {
            List<NotificationView> missed = feed.after(stream.advocate, stream.lastSeq, REPLAY_LIMIT);
            missed.forEach(stream::send);
        }));
    }

    private void beat() {
        streams.values().forEach(set -> set.forEach(stream -> stream.comment("keep-alive", false)));
    }

    private void remove(Stream stream) {
        Set<Stream> set = streams.get(stream.advocate);
        if (set != null && set.remove(stream)) {
            open.decrementAndGet();
        }
    }

    /** One open SSE connection. Sends are serialised per stream; a failed send closes it. */
    final class Stream {

        private static final int REMEMBERED = 1000;
        final Advocate advocate;
        private final SseEventSink sink;
        private final Sse sse;
        private final Set<UUID> sent = new LinkedHashSet<>();
        volatile long lastSeq;
        /** Closes the stream when its token expires; cancelled when it closes first. */
        volatile ScheduledFuture<?> expiry;

        Stream(Advocate advocate, SseEventSink sink, Sse sse) {
            this.advocate = advocate;
            this.sink = sink;
            this.sse = sse;
        }

        synchronized void send(NotificationView view) {
            if (!sent.add(view.id())) {
                return; // replayed and announced both: once is enough
            }
            if (sent.size() > REMEMBERED) {
                Iterator<UUID> oldest = sent.iterator();
                oldest.next();
                oldest.remove();
            }
            lastSeq = Math.max(lastSeq, view.sequence());
            emit(sse.newEventBuilder().id(Long.toString(view.sequence())).mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(NotificationView.class, view).build());
        }

        synchronized void comment(String text, boolean first) {
            OutboundSseEvent.Builder event = sse.newEventBuilder().comment(text);
            if (first) {
                event.reconnectDelay(3000);
            }
            emit(event.build());
        }

        private void emit(OutboundSseEvent event) {
            if (sink.isClosed()) {
                close();
                return;
            }
            sink.send(event).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    close();
                }
            });
        }

        void close() {
            remove(this);
            ScheduledFuture<?> timer = expiry;
            if (timer != null) {
                timer.cancel(false);
            }
            try {
                sink.close();
            } catch (Exception e) {
                // already gone
            }
        }
    }
}
