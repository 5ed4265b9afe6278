package org.homeward.intake.submission.domain;

import java.util.UUID;
import org.homeward.support.problem.Problem;

/**
 * What became of one candidate: accepted (in Kafka) with its ids, possibly {@code replayed} from an earlier request
 * with the same Idempotency-Key, or refused with a problem (nothing of it was published).
 */
public record Outcome(int index, UUID caseId, UUID eventId, boolean replayed, Problem problem) {

    public static Outcome accepted(int index, UUID caseId, UUID eventId, boolean replayed) {
        return new Outcome(index, caseId, eventId, replayed, null);
    }

    public static Outcome refused(int index, UUID caseId, Problem problem) {
        return new Outcome(index, caseId, null, false, problem);
    }

    public boolean isAccepted() {
        return problem == null;
    }
}
