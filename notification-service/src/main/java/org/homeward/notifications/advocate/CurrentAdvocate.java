package org.homeward.notifications.advocate;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.homeward.support.identity.Caller;
import org.homeward.support.identity.CurrentCaller;
import org.homeward.support.problem.Problem;
import org.homeward.support.problem.ProblemException;
import org.homeward.support.problem.ProblemType;

/**
 * Who the calling advocate is. Asks {@link CurrentCaller} (the one place services learn who calls) and insists on a
 * user as well as an organisation: subscriptions and feeds are personal.
 */
@RequestScoped
public class CurrentAdvocate {

    @Inject
    CurrentCaller caller;

    /** The calling advocate; without {@code Homeward-User} the request answers 400 {@code missing-header}. */
    public Advocate require() {
        Caller who = caller.require();
        if (who.user() == null) {
            throw new ProblemException(Problem.of(ProblemType.MISSING_HEADER,
                    "Name the calling advocate in the " + CurrentCaller.USER + " header",
                    List.of(new Problem.FieldError(CurrentCaller.USER, "is required"))));
        }
        return new Advocate(who.organisation(), who.user());
    }
}
