package org.homeward.console.session;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** The session of the request being served, resolved by {@link SessionFilter}. */
@RequestScoped
public class CurrentSession {

    private Session session;
    private Session created;
    private boolean clearCookie;

    public Optional<Session> get() {
        return Optional.ofNullable(session);
    }

    /** The session; {@link NotSignedInException} (a redirect to the sign-in) when there is none. */
    public Session require() {
        if (session == null) {
            throw new NotSignedInException();
        }
        return session;
    }

    void set(Session session) {
        this.session = session;
    }

    /** A session created during this request: the answer sets its cookie. */
    void created(Session session) {
        this.session = session;
        this.created = session;
    }

    Session createdNow() {
        return created;
    }

    /** The answer clears the session cookie (it named a session that has ended). */
    void clearCookie() {
        this.clearCookie = true;
    }

    boolean mustClearCookie() {
        return clearCookie;
    }
}
