package org.homeward.intake.ratelimit.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import org.homeward.intake.ratelimit.domain.RateLimitHeaders;

/** Puts the organisation's RateLimit-* headers on every answer of a rate-limited operation (2xx and 4xx alike). */
@Provider
public class RateLimitResponseFilter implements ContainerResponseFilter {

    @Inject
    RateLimitHeaders rateLimit;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        rateLimit.headers().forEach((name, value) -> response.getHeaders().putSingle(name, value));
    }
}
