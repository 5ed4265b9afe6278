package org.homeward.events;

/** The Kafka topics of the contract. Records are keyed by case id on all of them. */
public final class Topics {
    /** Case events as partners reported them, published by intake-service. */
    public static final String CASE_EVENTS = "case-events";
    /** What the case service did with each event, relayed from its outbox. */
    public static final String CASE_TRANSITIONS = "case-transitions";
    /**
     * The key of each case whose {@code case-events} data is sealed ({@link CaseKeyRecord}), compacted: published by
     * intake-service, read by the case service.
     */
    public static final String CASE_KEYS = "case-keys";
    /** Records of case-events the case service could not process after retrying in place. */
    public static final String CASE_EVENTS_DLQ = "case-events-dlq";
    /** Records of case-transitions the notification service could not process after retrying in place. */
    public static final String CASE_TRANSITIONS_DLQ = "case-transitions-dlq";

    private Topics() {
    }
}
