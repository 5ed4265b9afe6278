package org.homeward.cases.lifecycle.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.homeward.events.CaseState;
import org.homeward.events.EventType;
import org.homeward.events.TransitionStatus;
import org.homeward.events.Urgency;

/** One event in a person's timeline, applied or rejected; {@code seq} is the arrival order. */
@Entity
@Table(name = "timeline_entries")
public class TimelineEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "case_id")
    public UUID caseId;

    @Enumerated(EnumType.STRING)
    public EventType type;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    @Column(name = "reported_by")
    public String reportedBy;

    @Column(name = "submitted_by")
    public String submittedBy;

    @Enumerated(EnumType.STRING)
    public TransitionStatus status;

    public String reason;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_state")
    public CaseState fromState;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_state")
    public CaseState toState;

    /** A JSON array of {@code Alert} names. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String alerts;

    @Enumerated(EnumType.STRING)
    public Urgency urgency;

    /** The event's own fields (its payload record) as JSON, sealed for {@code timeline:<eventId>:data} (PersonalData). */
    public String data;

    @Override
    public String toString() {
        return "TimelineEntry[eventId=" + eventId + ", caseId=" + caseId + ", type=" + type + ", status=" + status + "]";
    }
}
