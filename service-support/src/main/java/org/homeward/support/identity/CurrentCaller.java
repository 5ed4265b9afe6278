package org.homeward.support.identity;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.homeward.support.problem.Problem;
import org.homeward.support.problem.ProblemException;
import org.homeward.support.problem.ProblemType;

/**
 * The one place services learn who calls them. Until authentication lands (tokens carrying organisation and roles),
 * the caller names itself in the {@code Homeward-Organisation} and {@code Homeward-User} headers; every endpoint that
 * needs a caller asks this bean, so that the switch to tokens happens here alone.
 */
@RequestScoped
public class CurrentCaller {

    public static final String ORGANISATION = "Homeward-Organisation";
    public static final String USER = "Homeward-User";
    static final int MAX_ORGANISATION = 100;
    static final int MAX_USER = 200;

    @Inject
    HttpServerRequest request;

    /** The caller; a request without an organisation answers 400 {@code missing-header}. */
    public Caller require() {
        String organisation = request.getHeader(ORGANISATION);
        String user = request.getHeader(USER);
        if (organisation == null || organisation.isBlank()) {
            throw new ProblemException(Problem.of(ProblemType.MISSING_HEADER,
                    "Name the calling organisation in the " + ORGANISATION + " header",
                    List.of(new Problem.FieldError(ORGANISATION, "is required"))));
        }
        if (organisation.length() > MAX_ORGANISATION) {
            throw ProblemException.invalid(ORGANISATION, "must be at most " + MAX_ORGANISATION + " characters");
        }
        if (user != null && user.length() > MAX_USER) {
            throw ProblemException.invalid(USER, "must be at most " + MAX_USER + " characters");
        }
        return new Caller(organisation.trim(), user == null || user.isBlank() ? null : user.trim());
    }
}
