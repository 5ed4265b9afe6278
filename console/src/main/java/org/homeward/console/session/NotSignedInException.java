package org.homeward.console.session;

/** The request needs a session and has none: pages answer with a redirect to the sign-in. */
public class NotSignedInException extends RuntimeException {

    public NotSignedInException() {
        super("not signed in", null, false, false);
    }
}
