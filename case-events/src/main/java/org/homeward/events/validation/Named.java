package org.homeward.events.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A person needs a Hangul name or at least one romanised name; the violation names {@code hangulName}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NamedValidator.class)
public @interface Named {
    String message() default "a Hangul name or at least one romanised name is required";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
