package org.homeward.notifications.delivery.email;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.notifications.delivery.domain.AttemptResult;
import org.homeward.notifications.delivery.domain.ClaimedDelivery;
import org.homeward.notifications.delivery.domain.NotificationMessage;
import org.homeward.notifications.delivery.domain.Sender;

/**
 * Makes one e-mail attempt through the SMTP server of {@code quarkus.mailer.*}: a short plain text with the case link
 * and no personal data, with a Message-ID fixed per delivery. Every failure (server unreachable, refused, too slow) is
 * retried on the delivery schedule.
 */
@ApplicationScoped
public class EmailSender implements Sender {

    @Inject
    ReactiveMailer mailer;

    @ConfigProperty(name = "homeward.email.timeout", defaultValue = "PT15S")
    Duration timeout;

    /** The right-hand side of every Message-ID; the left is the notification id, so the pair is unique. */
    @ConfigProperty(name = "homeward.email.message-id-domain", defaultValue = "notifications.homeward")
    String messageIdDomain;

    @Override
    public CompletableFuture<AttemptResult> send(ClaimedDelivery delivery) {
        NotificationMessage message = NotificationMessage.fromJson(delivery.payload());
        Mail mail = Mail.withText(delivery.target(), subject(message), text(message))
                .addHeader("Message-ID", messageId(delivery.notificationId(), messageIdDomain))
                .addHeader("X-Homeward-Notification", delivery.notificationId().toString());
        return mailer.send(mail)
                .ifNoItem().after(timeout).fail()
                .map(ignored -> AttemptResult.delivered(null))
                .onFailure().recoverWithItem(failure -> AttemptResult.retryable(null,
                        failure instanceof io.smallrye.mutiny.TimeoutException ? "SMTP timeout"
                                : "SMTP failure (" + failure.getClass().getSimpleName() + ")", Optional.empty()))
                .subscribeAsCompletionStage();
    }

    /**
     * The Message-ID of a delivery's e-mail, the same on every attempt and replay (as {@code webhook-id} is for a
     * webhook), so that a mail system or reader that sees it twice can tell: {@code <notification-id@domain>}.
     */
    public static String messageId(java.util.UUID notificationId, String domain) {
        return "<" + notificationId + "@" + domain + ">";
    }

    /**
     * e.g. {@code [Homeward] HIGH: TRANSFERRED on case 6f1c2a8e-...}; a value this version does not know (the case
     * service is newer) reads {@code UNKNOWN}.
     */
    public static String subject(NotificationMessage message) {
        NotificationMessage.Data d = message.data();
        return "[Homeward] " + named(d.urgency()) + ": " + named(d.eventType()) + " on case " + d.caseId();
    }

    public static String text(NotificationMessage message) {
        NotificationMessage.Data d = message.data();
        StringBuilder text = new StringBuilder();
        text.append("A case you follow in Homeward has changed.\n\n");
        text.append("Case:      ").append(d.caseId()).append('\n');
        text.append("Event:     ").append(named(d.eventType())).append(" (").append(named(d.status())).append(")\n");
        if (d.fromState() != null || d.toState() != null) {
            // A state may be absent (a case's first event has no fromState) or one this version does not know.
            text.append("State:     ").append(d.fromState() == null ? "-" : d.fromState().name()).append(" -> ")
                    .append(d.toState() == null ? "-" : d.toState().name()).append('\n');
        }
        text.append("Urgency:   ").append(named(d.urgency())).append('\n');
        String alerts = d.alerts() == null ? ""
                : d.alerts().stream().filter(Objects::nonNull).map(Enum::name).collect(Collectors.joining(", "));
        if (!alerts.isEmpty()) {
            text.append("Alerts:    ").append(alerts).append('\n');
        }
        text.append("Occurred:  ").append(d.occurredAt()).append('\n');
        if (d.receivedAt() != null) {
            text.append("Received:  ").append(d.receivedAt()).append('\n');
        }
        text.append("\nOpen the case: ").append(d.caseUrl()).append("\n\n");
        text.append("This message carries no personal details on purpose: they are behind the link, for those "
                + "allowed to see them.\n");
        text.append("You receive it through subscription ").append(d.subscriptionId())
                .append(" (notification ").append(d.notificationId()).append(").\n");
        return text.toString();
    }

    /** A value's name; UNKNOWN for none, i.e. one the case service sent that this version does not know yet. */
    private static String named(Enum<?> value) {
        return value == null ? "UNKNOWN" : value.name();
    }
}
