package org.homeward.support.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an operation that costs one token per item it carries (a batch, an import): it takes them itself with
 * {@link RateLimiter#take} once it has counted the items, and {@link RateLimitFilter} takes none for it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CostPerItem {
}
