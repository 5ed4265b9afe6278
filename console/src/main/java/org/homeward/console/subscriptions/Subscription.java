package org.homeward.console.subscriptions;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * A subscription as notification-service shows it to its advocate. {@code secret} is only ever present in the answer
 * that created a webhook; the console shows it on that answer and keeps it nowhere. {@link #toString()} prints the id
 * and channel only (the target is an address, the secret a credential).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Subscription(String id, String channel, String target, List<String> caseIds, List<String> categories,
        List<String> eventTypes, String minUrgency, Instant createdAt, String secret) {

    public Subscription {
        caseIds = caseIds == null ? List.of() : List.copyOf(caseIds);
        categories = categories == null ? List.of() : List.copyOf(categories);
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
    }

    public boolean hasSecret() {
        return secret != null && !secret.isEmpty();
    }

    @Override
    public String toString() {
        return "Subscription[id=" + id + ", channel=" + channel + "]";
    }
}
