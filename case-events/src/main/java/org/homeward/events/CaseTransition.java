package org.homeward.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What happened to a case when the case service took one event: the payload of {@code case-transitions}.
 * It carries ids, types, states, codes and times only: no names, places, dates of death, stated destinations or
 * letter contents, so that notifications built from it cannot leak personal data. {@code reason} is a
 * {@link ReasonCode}, never a text: the readable reason (which may quote a destination or a date) stays in the case
 * service, sealed, and its API shows it to the case's readers. {@code visibleTo} names the organisations that may see the case once this
 * transition took effect (the owner and every organisation it is shared with); consumers show a transition to no one
 * else. A transition without it is shown to no one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseTransition(
        UUID transitionId,
        UUID caseId,
        UUID eventId,
        EventType eventType,
        Category category,
        TransitionStatus status,
        CaseState fromState,
        CaseState toState,
        ReasonCode reason,
        Urgency urgency,
        List<Alert> alerts,
        long caseVersion,
        Instant occurredAt,
        Instant receivedAt,
        Instant recordedAt,
        String reportedBy,
        List<String> visibleTo) {

    public static final String CLOUD_EVENT_TYPE = "org.homeward.case.transition.v1";

    public CaseTransition {
        // An alert this reader does not know yet reads as null (EventCodec): dropped, never a failure.
        alerts = alerts == null ? List.of() : alerts.stream().filter(java.util.Objects::nonNull).toList();
        visibleTo = visibleTo == null ? List.of() : List.copyOf(visibleTo);
    }
}
