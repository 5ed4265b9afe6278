package org.homeward.notifications.advocate;

import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.homeward.support.identity.Caller;
import org.homeward.support.identity.CurrentCaller;

/**
 * Who the calling advocate is: the token's organisation and subject (the person, or a partner system's client).
 * Subscriptions, feeds and deliveries are personal: one advocate never sees another's.
 */
@RequestScoped
public class CurrentAdvocate {

    @Inject
    CurrentCaller caller;

    /** The calling advocate; a token without a subject answers 403. */
    public Advocate require() {
        Caller who = caller.require();
        if (who.user() == null || who.user().isBlank()) {
            throw new ForbiddenException("The token names no subject");
        }
        return new Advocate(who.organisation(), who.user());
    }
}
