package org.homeward.notifications.feed.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.homeward.events.CaseState;
import org.homeward.events.Category;
import org.homeward.events.EventType;
import org.homeward.events.TransitionStatus;
import org.homeward.events.Urgency;

/** A notification about one case transition. Carries ids, types and states only, never personal data. */
@Entity
@Table(name = "notifications")
public class Notification {

    @Id
    public UUID id;

    @Column(name = "transition_id")
    public UUID transitionId;

    @Column(name = "case_id")
    public UUID caseId;

    @Column(name = "event_id")
    public UUID eventId;

    @Enumerated(EnumType.STRING)
    @Column(name = "event_type")
    public EventType eventType;

    @Enumerated(EnumType.STRING)
    public Category category;

    @Enumerated(EnumType.STRING)
    public TransitionStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_state")
    public CaseState fromState;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_state")
    public CaseState toState;

    @Enumerated(EnumType.STRING)
    public Urgency urgency;

    /** A JSON array of alert names. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String alerts;

    public String reason;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Override
    public String toString() {
        return "Notification[id=" + id + ", caseId=" + caseId + ", urgency=" + urgency + "]";
    }
}
