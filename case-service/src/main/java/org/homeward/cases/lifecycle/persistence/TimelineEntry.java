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

/**
 * One event in a person's timeline, applied, rejected or retracted; {@code seq} is the arrival order. Its judgement
 * (status, reason, states, alerts, urgency) is where it falls in the order things happened, and changes when a late
 * report or a retraction derives the case again (Derivation).
 */
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

    /**
     * Why it was rejected or what it raised, as the rules wrote it (it may quote a stated destination, a place or a
     * date of death), sealed for {@code timeline:<eventId>:reason} (PersonalData).
     */
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

    /** Refused at arrival by the access rules: kept, never part of the case's derivation. */
    @Column(name = "access_refused")
    public boolean accessRefused;

    /** The EVENT_RETRACTED that took this event back, its organisation, when it happened and why; null if none. */
    @Column(name = "retracted_by")
    public UUID retractedBy;

    @Column(name = "retracted_by_organisation")
    public String retractedByOrganisation;

    @Column(name = "retracted_at")
    public Instant retractedAt;

    /** The retraction's reason, sealed for {@code timeline:<eventId>:retraction_reason} (PersonalData). */
    @Column(name = "retraction_reason")
    public String retractionReason;

    /** Whether derivation reads this entry: not retracted, not a retraction, not refused for access. */
    public boolean derives() {
        return status != TransitionStatus.RETRACTED && type != EventType.EVENT_RETRACTED && !accessRefused;
    }

    @Override
    public String toString() {
        return "TimelineEntry[eventId=" + eventId + ", caseId=" + caseId + ", type=" + type + ", status=" + status + "]";
    }
}
