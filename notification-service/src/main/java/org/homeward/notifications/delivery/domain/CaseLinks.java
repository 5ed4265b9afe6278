package org.homeward.notifications.delivery.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Links to a case in the case service ({@code homeward.case-service.url}), for webhooks, e-mails and the feed. */
@ApplicationScoped
public class CaseLinks {

    private final String base;

    public CaseLinks(@ConfigProperty(name = "homeward.case-service.url") String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public URI of(UUID caseId) {
        return URI.create(base + "/api/v1/cases/" + caseId);
    }
}
