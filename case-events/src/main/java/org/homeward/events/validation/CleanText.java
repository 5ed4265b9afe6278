package org.homeward.events.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text field holds only text a person could have typed ({@link Texts#refusal}): no control characters (tab, CR and
 * LF only where {@link #freeText()}), no noncharacters, no lone surrogates. Every text field of the contract carries
 * it ({@code CleanTextCoverageTest}); services reading query parameters or their own bodies call {@link Texts}.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE,
        ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CleanTextValidator.class)
public @interface CleanText {

    /** Free text (notes, letter summaries, reasons): tab, CR and LF are allowed; other control characters are not. */
    boolean freeText() default false;

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
