package org.homeward.notifications.subscription.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.homeward.events.Category;
import org.homeward.events.EventType;
import org.homeward.events.Urgency;
import org.homeward.notifications.subscription.domain.Channel;
import org.homeward.notifications.subscription.domain.SubscriptionFilter;

/**
 * An advocate's subscription. The secret signs webhooks; it leaves the service once, in the creation answer, and is
 * stored sealed ({@code WebhookSecrets}: AES-256-GCM bound to the subscription id).
 */
@Entity
@Table(name = "subscriptions")
public class Subscription {

    @Id
    public UUID id;

    public String organisation;

    public String advocate;

    @Enumerated(EnumType.STRING)
    public Channel channel;

    public String target;

    /** The sealed signing secret ({@code enc:v1:<keyId>:...}); null for other channels. */
    public String secret;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "case_ids", columnDefinition = "uuid[]")
    public UUID[] caseIds;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public String[] categories;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "event_types", columnDefinition = "text[]")
    public String[] eventTypes;

    @Enumerated(EnumType.STRING)
    @Column(name = "min_urgency")
    public Urgency minUrgency;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    public SubscriptionFilter filter() {
        return new SubscriptionFilter(Set.of(caseIds),
                Arrays.stream(categories).map(Category::valueOf).collect(Collectors.toSet()),
                Arrays.stream(eventTypes).map(EventType::valueOf).collect(Collectors.toSet()), minUrgency);
    }

    @Override
    public String toString() {
        return "Subscription[id=" + id + ", channel=" + channel + "]";
    }
}
