package org.homeward.support.ratelimit;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.homeward.support.identity.CurrentCaller;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every operation of the service's API takes one token of the caller's organisation before it runs (before its body
 * is read), except those marked {@link CostPerItem}; health, metrics and the OpenAPI document are not REST resources
 * and take none. Every answer of a counted request, 2xx and 4xx alike, carries the RateLimit-* headers.
 */
public class RateLimitFilters {

    @Inject
    RateLimiter limiter;

    @Inject
    CurrentCaller caller;

    @Inject
    RateLimitHeaders rateLimit;

    @ServerRequestFilter
    public void take(ResourceInfo resource) {
        if (!resource.getResourceMethod().isAnnotationPresent(CostPerItem.class)) {
            limiter.take(caller.require().organisation(), 1);
        }
    }

    @ServerResponseFilter
    public void headers(ContainerResponseContext response) {
        rateLimit.headers().forEach((name, value) -> response.getHeaders().putSingle(name, value));
    }
}
