package org.homeward.support.problem;

import java.util.List;
import java.util.Map;

/** Thrown anywhere in a request to answer with a problem; {@link ProblemMappers} renders it. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.title(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public static ProblemException of(ProblemType type, String detail) {
        return new ProblemException(Problem.of(type, detail));
    }

    public static ProblemException invalid(String pointer, String detail) {
        return new ProblemException(Problem.of(ProblemType.VALIDATION, "1 field is not valid",
                List.of(new Problem.FieldError(pointer, detail))));
    }

    public static ProblemException notFound(String what) {
        return of(ProblemType.NOT_FOUND, what + " was not found");
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
