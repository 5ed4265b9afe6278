package org.homeward.support.ratelimit;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import org.homeward.support.identity.CurrentCaller;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every operation of the service's API takes one token of the caller's organisation before it runs (before its body
 * is parsed), except those marked {@link CostPerItem}; health, metrics and the OpenAPI document are not REST resources
 * and take none. A caller without a valid token, or whose token names no organisation, is answered 401 or 403 here,
 * as the operation would answer them.
 */
public class RateLimitFilter {

    @Inject
    RateLimiter limiter;

    @Inject
    CurrentCaller caller;

    @ServerRequestFilter
    public void take(ResourceInfo resource) {
        if (!resource.getResourceMethod().isAnnotationPresent(CostPerItem.class)) {
            limiter.take(caller.require().organisation(), 1);
        }
    }
}
