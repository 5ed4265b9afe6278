package org.homeward.console.api;

/** An API could not be reached in time (connection refused, connect or request timeout). */
public class ApiUnavailableException extends RuntimeException {

    private final HomewardService service;

    public ApiUnavailableException(HomewardService service, Throwable cause) {
        super(service + " could not be reached (" + cause.getClass().getSimpleName() + ")");
        this.service = service;
    }

    public HomewardService service() {
        return service;
    }
}
