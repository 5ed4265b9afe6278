package org.homeward.console.subscriptions;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import org.homeward.console.i18n.Labels;
import org.homeward.console.i18n.Languages;

/**
 * The labels of values notification-service sends (channels, delivery statuses, attempt outcomes) in the request's
 * language; a value this version does not know is shown as it came.
 */
public final class SubsLabels {

    private final Subs subs;

    private SubsLabels(Subs subs) {
        this.subs = subs;
    }

    public static SubsLabels of(Labels l) {
        return new SubsLabels(bundle(l));
    }

    static Subs bundle(Labels l) {
        return Languages.ENGLISH.equals(l.lang()) ? MessageBundles.get(Subs.class)
                : MessageBundles.get(Subs.class, Localized.Literal.of(l.lang()));
    }

    public Subs messages() {
        return subs;
    }

    public String channel(String value) {
        if (value == null) {
            return "";
        }
        return switch (value) {
            case "FEED" -> subs.channel_FEED();
            case "EMAIL" -> subs.channel_EMAIL();
            case "WEBHOOK" -> subs.channel_WEBHOOK();
            default -> value;
        };
    }

    public String status(String value) {
        if (value == null) {
            return "";
        }
        return switch (value) {
            case "PENDING" -> subs.status_PENDING();
            case "DELIVERED" -> subs.status_DELIVERED();
            case "DEAD" -> subs.status_DEAD();
            case "CANCELLED" -> subs.status_CANCELLED();
            default -> value;
        };
    }

    public String outcome(String value) {
        if (value == null) {
            return "";
        }
        return switch (value) {
            case "DELIVERED" -> subs.outcome_DELIVERED();
            case "RETRY" -> subs.outcome_RETRY();
            case "DEAD" -> subs.outcome_DEAD();
            case "UNKNOWN" -> subs.outcome_UNKNOWN();
            default -> value;
        };
    }

    /** Whether {@code value} has a label of its own (for the bundle test). */
    public boolean knows(String kind, String value) {
        String label = switch (kind) {
            case "channel" -> channel(value);
            case "status" -> status(value);
            case "outcome" -> outcome(value);
            default -> value;
        };
        return !label.equals(value);
    }

    @Override
    public String toString() {
        return "SubsLabels";
    }
}
