package org.homeward.intake.submission.domain;

import java.util.UUID;

/**
 * One validated thing to accept: an opening ({@code caseId} null: intake chooses the case id) or an event of the case
 * {@code caseId}. {@code index} is its place in the request (0 for a single request). {@code identity} is what makes
 * it this request and no other (its validated content; for a CSV row, the row), from which a retry with an
 * Idempotency-Key gets the same ids.
 */
public record Candidate(int index, UUID caseId, Submission submission, String identity) {

    public static Candidate of(int index, UUID caseId, Submission submission) {
        return new Candidate(index, caseId, submission, submission.identity());
    }

    public boolean opens() {
        return caseId == null;
    }

    @Override
    public String toString() {
        return "Candidate[" + index + ", case " + caseId + ", " + submission + "]";
    }
}
