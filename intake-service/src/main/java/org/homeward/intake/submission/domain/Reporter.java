package org.homeward.intake.submission.domain;

/** Who reports an event: the organisation, and the person there who sent it (may be null). */
public record Reporter(String organisation, String user) {
}
