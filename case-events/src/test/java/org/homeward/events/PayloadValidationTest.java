package org.homeward.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PayloadValidationTest {

    private static jakarta.validation.ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void start() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void stop() {
        factory.close();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theSamplesAreValid(EventType type) {
        assertEquals(Set.of(), paths(SampleEvents.BY_TYPE.get(type)));
    }

    @Test
    void aPersonNeedsAName() {
        CaseOpened nameless = new CaseOpened(Category.DEFECTOR, new Person(" ", List.of(), 1990, null, null), null, null);
        assertEquals(Set.of("person.hangulName"), paths(nameless));

        CaseOpened romanizedOnly =
                new CaseOpened(Category.DEFECTOR, new Person(null, List.of("Kim Gwang-won"), null, null, null), null, null);
        assertEquals(Set.of(), paths(romanizedOnly));
    }

    @Test
    void requiredFieldsAreNamed() {
        assertEquals(Set.of("category", "person"), paths(new CaseOpened(null, null, null, null)));
        assertEquals(Set.of("heldBy"), paths(new Captured(" ", null)));
        assertEquals(Set.of("destination"), paths(new DefectionIntentStated(null, null, null)));
        assertEquals(Set.of("to"), paths(new TransferRequested("ministry", "")));
        assertEquals(Set.of("to"), paths(new Transferred("Ukraine", null)));
        assertEquals(Set.of("receivedOn"), paths(new LetterReceived(null, null, null, null, null, null, null)));
        assertEquals(Set.of("text"), paths(new NoteAdded(null)));
        assertEquals(Set.of("reason"), paths(new CaseClosed("")));
        assertEquals(Set.of("reason"), paths(new CaseReopened(null)));
        assertEquals(Set.of("organisation"), paths(new CaseShared(null, null)));
        assertEquals(Set.of("organisation"), paths(new CaseUnshared("", "done")));
        assertEquals(Set.of("organisation"), paths(new CaseShared("red cross; drop table", null)),
                "an organisation id is a plain identifier");
    }

    @Test
    void datesCannotBeInTheFuture() {
        LocalDate tomorrow = LocalDate.now().plusDays(2);
        assertEquals(Set.of("dateOfDeath"), paths(new DeathReported("KCNA", tomorrow)));
        assertEquals(Set.of("writtenOn", "receivedOn"),
                paths(new LetterReceived(null, null, tomorrow, tomorrow, null, null, null)));
    }

    @Test
    void lengthsAreBounded() {
        String huge = "x".repeat(Limits.TEXT + 1);
        assertEquals(Set.of("text"), paths(new NoteAdded(huge)));
        Set<String> paths = paths(new CaseOpened(Category.DEFECTOR,
                new Person("x".repeat(Limits.NAME + 1), List.of("ok", "y".repeat(Limits.NAME + 1)), 1700, null, null),
                null, null));
        assertTrue(paths.contains("person.hangulName"), paths::toString);
        assertTrue(paths.contains("person.romanizedNames[1].<list element>"), paths::toString);
        assertTrue(paths.contains("person.birthYear"), paths::toString);
    }

    private static Set<String> paths(Object payload) {
        return validator.validate(payload).stream()
                .map(ConstraintViolation::getPropertyPath)
                .map(Object::toString)
                .collect(Collectors.toSet());
    }
}
