package org.homeward.intake.submission.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.UUID;
import org.homeward.events.CaseEventData;
import org.homeward.events.CloudEvent;
import org.homeward.events.EventCodec;
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
     * Opens a case: a new case id, and its CASE_OPENED event. With an idempotency key, a retry of the same request
     * gets the same case id and event id, so the case service takes it once.
     */
    public Accepted open(Submission submission, Caller reporter, String idempotencyKey) {
        UUID caseId = idempotencyKey == null ? UUID.randomUUID()
                : derived("case", reporter, idempotencyKey, null, submission);
        return publish(caseId, submission, reporter, idempotencyKey);
    }

    public Accepted submit(UUID caseId, Submission submission, Caller reporter, String idempotencyKey) {
        return publish(caseId, submission, reporter, idempotencyKey);
    }

    private Accepted publish(UUID caseId, Submission submission, Caller reporter, String idempotencyKey) {
        UUID eventId = idempotencyKey == null ? UUID.randomUUID()
                : derived("event", reporter, idempotencyKey, caseId, submission);
        CaseEventData data = submission.data();
        CloudEvent<CaseEventData> event = CloudEvent.caseEvent(eventId, caseId, SOURCE, submission.occurredAt(),
                submission.receivedAt() == null ? clock.instant() : submission.receivedAt(),
                reporter.organisation(), reporter.user(), data);
        publisher.publish(event);
        LOG.infof("Accepted %s %s for case %s from %s", data.type(), eventId, caseId, reporter.organisation());
        return new Accepted(caseId, eventId);
    }

    /**
     * The id a retry of the same request yields: the same organisation, key, case and content. A key reused for
     * another case or another content yields another id, so the reuse cannot make the case service drop a different
     * event as a duplicate.
     */
    static UUID derived(String kind, Caller reporter, String idempotencyKey, UUID caseId, Submission submission) {
        String content = EventCodec.toJson(submission.data()).toString() + "|" + submission.occurredAt() + "|"
                + submission.receivedAt();
        String name = String.join("\n", "homeward", kind, reporter.organisation(), idempotencyKey,
                String.valueOf(caseId), submission.data().type().name(), content);
        return UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** What intake answers: the case and the event it stored. */
    public record Accepted(UUID caseId, UUID eventId) {
    }
}
