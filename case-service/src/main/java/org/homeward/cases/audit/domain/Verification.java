package org.homeward.cases.audit.domain;

/**
 * What a check of the audit chain found: how many records it read, and the first broken link if any ({@code brokenId}
 * the record, {@code problem} what is wrong with it), or the head of an intact chain (its last record and hash, which
 * an operator may keep: a chain cut back to before a kept head is missing that head).
 */
public record Verification(boolean intact, long records, Long brokenId, Problem problem, Long headId,
        String headHash) {

    /** What is wrong with the first broken record. */
    public enum Problem {
        /** Its fields are not what was hashed: the record was changed. */
        CHANGED,
        /**
         * It does not link to the record before it: a record before it was deleted, or it (or the one before it) was
         * inserted by hand.
         */
        UNLINKED
    }

    public static Verification intact(long records, Long headId, String headHash) {
        return new Verification(true, records, null, null, headId, headHash);
    }

    public static Verification broken(long records, long brokenId, Problem problem) {
        return new Verification(false, records, brokenId, problem, null, null);
    }
}
