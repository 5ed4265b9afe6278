package org.homeward.support.identity;

/** The roles a token carries (its {@code groups} claim), and what each may do. */
public final class Roles {
    /** Submits case events (intake). */
    public static final String REPORTER = "reporter";
    /** Reads cases, timelines, search, duplicates and statistics (case service). */
    public static final String CASEWORKER = "caseworker";
    /** Manages their subscriptions and reads their notifications (notification service). */
    public static final String ADVOCATE = "advocate";
    /** Reads the audit trail and shares cases with other organisations. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
