package org.homeward.events.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Optional;

public class CleanTextValidator implements ConstraintValidator<CleanText, String> {

    private boolean freeText;

    @Override
    public void initialize(CleanText annotation) {
        freeText = annotation.freeText();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        Optional<String> refusal = Texts.refusal(value, freeText);
        if (refusal.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        // The detail names a code point and a position, never the text; escaped so that it is no EL template.
        context.buildConstraintViolationWithTemplate(refusal.get().replace("{", "\\{").replace("$", "\\$"))
                .addConstraintViolation();
        return false;
    }
}
