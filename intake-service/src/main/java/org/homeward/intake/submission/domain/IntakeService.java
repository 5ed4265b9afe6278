package org.homeward.intake.submission.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.UUID;
import org.homeward.events.CaseEventData;
import org.homeward.events.CloudEvent;
import org.homeward.intake.publishing.CaseEventPublisher;
import org.homeward.support.identity.Caller;
import org.jboss.logging.Logger;

/** Turns validated submissions into case events and publishes them. */
@ApplicationScoped
public class IntakeService {

    public static final String SOURCE = "urn:homeward:intake-service";
    private static final Logger LOG = Logger.getLogger(IntakeService.class);

    @Inject
    CaseEventPublisher publisher;

    Clock clock = Clock.systemUTC();

    /**
     * Opens a case: a new case id, and its CASE_OPENED event. With an idempotency key, a retry gets the same case id
     * and event id, so the case service takes it once.
     */
    public Accepted open(Submission submission, Caller reporter, String idempotencyKey) {
        UUID caseId = idempotencyKey == null ? UUID.randomUUID() : derived("case", reporter, idempotencyKey);
        return publish(caseId, submission, reporter, idempotencyKey);
    }

    public Accepted submit(UUID caseId, Submission submission, Caller reporter, String idempotencyKey) {
        return publish(caseId, submission, reporter, idempotencyKey);
    }

    private Accepted publish(UUID caseId, Submission submission, Caller reporter, String idempotencyKey) {
        UUID eventId = idempotencyKey == null ? UUID.randomUUID() : derived("event", reporter, idempotencyKey);
        CaseEventData data = submission.data();
        CloudEvent<CaseEventData> event = CloudEvent.caseEvent(eventId, caseId, SOURCE, submission.occurredAt(),
                submission.receivedAt() == null ? clock.instant() : submission.receivedAt(),
                reporter.organisation(), reporter.user(), data);
        publisher.publish(event);
        LOG.infof("Accepted %s %s for case %s from %s", data.type(), eventId, caseId, reporter.organisation());
        return new Accepted(caseId, eventId);
    }

    /** An id that one organisation's idempotency key always yields, and no other key or organisation does. */
    static UUID derived(String kind, Caller reporter, String idempotencyKey) {
        String name = "homeward:" + kind + ":" + reporter.organisation().length() + ":" + reporter.organisation() + ":"
                + idempotencyKey;
        return UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** What intake answers: the case and the event it stored. */
    public record Accepted(UUID caseId, UUID eventId) {
    }
}
