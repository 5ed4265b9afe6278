package org.homeward.cases.audit.domain;

import org.homeward.support.identity.Caller;

/**
 * Who reads people's data, and through which endpoint: what an audit record says besides the case. {@code endpoint}
 * is the method and route template ({@code GET /api/v1/cases/{caseId}}), never the path or query as sent, so that no
 * name searched for ever reaches the audit log.
 */
public record Reader(String subject, String organisation, String endpoint) {

    public Reader {
        if (organisation == null || organisation.isBlank() || endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("a reader has an organisation and reads through an endpoint");
        }
        subject = subject == null || subject.isBlank() ? "unknown" : subject;
    }

    public static Reader of(Caller caller, String endpoint) {
        return new Reader(caller.user(), caller.organisation(), endpoint);
    }
}
