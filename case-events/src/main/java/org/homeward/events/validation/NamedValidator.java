package org.homeward.events.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.homeward.events.Person;

public class NamedValidator implements ConstraintValidator<Named, Person> {

    @Override
    public boolean isValid(Person person, ConstraintValidatorContext context) {
        if (person == null) {
            return true;
        }
        boolean hasHangul = person.hangulName() != null && !person.hangulName().isBlank();
        boolean hasRomanized = person.romanizedNames().stream().anyMatch(n -> n != null && !n.isBlank());
        if (hasHangul || hasRomanized) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                .addPropertyNode("hangulName")
                .addConstraintViolation();
        return false;
    }
}
