package org.homeward.cases.holds.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.homeward.cases.lifecycle.domain.CaseLedger;
import org.homeward.events.CaseEventData;
import org.homeward.events.CloudEvent;
import org.homeward.cases.protection.persistence.EventKeys;
import org.homeward.events.EventCodec;
import org.homeward.events.MalformedEventException;
import org.homeward.events.UnknownEventTypeException;
import org.homeward.support.messaging.InOrderHandler;
import org.homeward.support.messaging.RetryInPlace;
import org.jboss.logging.Logger;

/**
 * Releases a case on hold after an operator fixed what stopped it: applies the held events one by one, in the order
 * they arrived, each in its own transaction under the hold's lock, and ends the hold when none is left. An event that
 * still cannot be applied stops the release there; the case stays on hold with the new reason and the events behind
 * it keep waiting. Events that arrive meanwhile join the line (the consumer takes the same lock), so the last step
 * ends the hold only when nothing is left, and nothing overtakes anything.
 */
@ApplicationScoped
public class HoldRelease {

    private static final Logger LOG = Logger.getLogger(HoldRelease.class);

    @Inject
    EventKeys eventKeys;

    @Inject
    CaseHolds holds;

    @Inject
    CaseLedger ledger;

    /** What a release did: how many held events it applied, and whether the case is free. */
    public record Released(int applied, boolean free, String stillHeldBecause) {
    }

    /** Releases the case if the organisation may see its hold; empty when it may not or the case is not on hold. */
    public Optional<Released> release(UUID caseId, String organisation) {
        if (holds.find(caseId, organisation).isEmpty()) {
            return Optional.empty();
        }
        LOG.infof("Releasing case %s (asked by an admin of %s)", caseId, organisation);
        int applied = 0;
        while (true) {
            Step step;
            try {
                step = QuarkusTransaction.requiringNew().call(() -> step(caseId));
            } catch (RuntimeException e) {
                if (RetryInPlace.isTransient(e)) {
                    throw e; // the database is away: the hold is as it was; try again later
                }
                Failure failure = Failure.of(e);
                holds.stillHeld(caseId, failure.eventId(), failure.type(), failure.reason());
                LOG.errorf("Case %s stays on hold: event %s still cannot be applied (%s)", caseId, failure.eventId(),
                        failure.reason());
                return Optional.of(new Released(applied, false, failure.reason()));
            }
            if (step == Step.DONE) {
                return Optional.of(new Released(applied, true, null));
            }
            applied++;
        }
    }

    private enum Step { APPLIED, DONE }

    private Step step(UUID caseId) {
        if (!holds.lock(caseId)) {
            return Step.DONE; // released meanwhile by someone else
        }
        Optional<CaseHolds.Held> next = holds.next(caseId);
        if (next.isEmpty()) {
            holds.end(caseId);
            return Step.DONE;
        }
        CaseHolds.Held held = next.get();
        CloudEvent<CaseEventData> event;
        try {
            event = EventCodec.decodeCaseEvent(held.payload(), eventKeys::of);
        } catch (UnknownEventTypeException e) {
            throw new Unapplicable(held.eventId(), e.type(), "event type " + e.type() + " is not known to this version");
        } catch (MalformedEventException e) {
            throw new Unapplicable(held.eventId(), "(unreadable)", "the held record cannot be read as an event");
        }
        try {
            ledger.apply(event);
        } catch (RuntimeException e) {
            if (RetryInPlace.isTransient(e)) {
                throw e;
            }
            throw new Unapplicable(held.eventId(), event.type(), InOrderHandler.reason(e));
        }
        holds.applied(held.position());
        return Step.APPLIED;
    }

    /** A held event that cannot be applied yet. */
    static final class Unapplicable extends RuntimeException {
        final UUID eventId;
        final String type;
        final String reason;

        Unapplicable(UUID eventId, String type, String reason) {
            super(reason, null, false, false);
            this.eventId = eventId;
            this.type = type;
            this.reason = reason;
        }
    }

    private record Failure(UUID eventId, String type, String reason) {
        static Failure of(RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof Unapplicable u) {
                    return new Failure(u.eventId, u.type, u.reason);
                }
            }
            return new Failure(null, "(unknown)", InOrderHandler.reason(e));
        }
    }
}
