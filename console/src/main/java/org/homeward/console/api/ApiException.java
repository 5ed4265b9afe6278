package org.homeward.console.api;

/**
 * An API answered 4xx or 5xx. Carries the status and, when the answer was {@code application/problem+json}, the
 * problem, so that a page can show each field error next to its field. The message names the service, the status and
 * the problem type only: never a detail, which could quote what was sent.
 */
public class ApiException extends RuntimeException {

    private final HomewardService service;
    private final int status;
    private final Problem problem;

    public ApiException(HomewardService service, int status, Problem problem) {
        super(service + " answered " + status + (problem == null ? "" : " " + problem.kind()));
        this.service = service;
        this.status = status;
        this.problem = problem;
    }

    public HomewardService service() {
        return service;
    }

    public int status() {
        return status;
    }

    /** The problem document, or null when the answer was not one. */
    public Problem problem() {
        return problem;
    }
}
