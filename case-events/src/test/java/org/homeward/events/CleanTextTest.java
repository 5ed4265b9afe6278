package org.homeward.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Pattern;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.homeward.events.validation.CleanText;
import org.homeward.events.validation.Texts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one rule for clean text (issue 15, point 7): what it refuses, where it applies, and names in NFC. */
class CleanTextTest {

    private static ValidatorFactory factory;
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
    @ValueSource(strings = {"\u0000", "\u0001", "\u0008", "\u000b", "\u000c", "\u001b", "\u001f", "\u007f", "\u0085",
            "\u009f", "\ufdd0", "\ufdef", "\ufffe", "\uffff", "\ud800", "\udfff"})
    void controlCharactersNoncharactersAndLoneSurrogatesAreRefusedEverywhere(String bad) {
        assertTrue(Texts.refusal("Ri" + bad + "Gwang", false).isPresent());
        assertTrue(Texts.refusal("note " + bad, true).isPresent());
        assertTrue(Texts.refusal(bad, true).isPresent());
    }

    @Test
    void noncharactersOfOtherPlanesAreRefused() {
        assertTrue(Texts.refusal("a" + new String(Character.toChars(0x1FFFE)), false).isPresent());
        assertTrue(Texts.refusal("a" + new String(Character.toChars(0x10FFFF)), false).isPresent());
    }

    @Test
    void tabAndLineBreaksAreAllowedInFreeTextOnly() {
        for (String allowed : List.of("\t", "\n", "\r", "\r\n")) {
            assertEquals(java.util.Optional.empty(), Texts.refusal("first line" + allowed + "second", true));
            assertTrue(Texts.refusal("Kursk" + allowed + "front", false).isPresent());
        }
    }

    @Test
    void textPeopleTypeIsClean() {
        for (String text : List.of("리광철", "Ri Gwang-cheol", "Kwangwŏn", "Курск", "金光元", "O'Neil · Kim", "😀 ok",
                new String(Character.toChars(0x1D800)), "\u00a0", "\u200d")) {
            assertTrue(Texts.isClean(text), text);
        }
    }

    @Test
    void theRefusalNamesTheCodePointNeverTheText() {
        String detail = Texts.refusal("secret\u0000name", false).orElseThrow();
        assertTrue(detail.contains("U+0000"), detail);
        assertFalse(detail.contains("secret"), detail);
    }

    @Test
    void aNoteWithNulIsInvalidAndNamesItsField() {
        assertEquals(Set.of("text"), paths(new NoteAdded("met him\u0000")));
        assertEquals(Set.of(), paths(new NoteAdded("met him\n\tin Seoul")));
        assertEquals(Set.of("heldBy"), paths(new Captured("Ukr\naine", null)));
        assertEquals(Set.of("person.romanizedNames[1].<list element>", "person.placeOfOrigin"),
                paths(new CaseOpened(Category.DEFECTOR, new Person("리광철", List.of("Ri", "Ri\u0007"), null, null,
                        "Hoeryong\u001b"), null, LocalDate.of(2024, 1, 1))));
    }

    @Test
    void namesAreKeptInNfc() {
        String nfd = java.text.Normalizer.normalize("리광철", java.text.Normalizer.Form.NFD);
        assertNotEquals("리광철", nfd);
        Person person = new Person(nfd, List.of(java.text.Normalizer.normalize("Kwangwŏn", java.text.Normalizer.Form.NFD)),
                null, null, null);
        assertEquals("리광철", person.hangulName());
        assertEquals(List.of("Kwangwŏn"), person.romanizedNames());
    }

    /**
     * Every text field of every payload carries {@link CleanText} (or a pattern that admits only clean text): a field
     * added without it fails here.
     */
    @Test
    void everyTextFieldOfTheContractIsChecked() {
        List<String> unchecked = new ArrayList<>();
        Stream.concat(Stream.of(EventType.values()).map(EventType::payloadType), Stream.of(Person.class)).distinct()
                .forEach(type -> {
                    for (RecordComponent component : type.getRecordComponents()) {
                        AnnotatedType annotated = component.getAnnotatedType();
                        String where = type.getSimpleName() + "." + component.getName();
                        if (component.getType() == String.class && !checked(component)) {
                            unchecked.add(where);
                        }
                        if (annotated instanceof AnnotatedParameterizedType list && annotated.getType().getTypeName()
                                .equals("java.util.List<java.lang.String>")
                                && !list.getAnnotatedActualTypeArguments()[0].isAnnotationPresent(CleanText.class)) {
                            unchecked.add(where + "[]");
                        }
                    }
                });
        assertEquals(List.of(), unchecked);
    }

    private static boolean checked(RecordComponent component) {
        try {
            var field = component.getDeclaringRecord().getDeclaredField(component.getName());
            return field.isAnnotationPresent(CleanText.class) || field.isAnnotationPresent(Pattern.class);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> paths(Object payload) {
        return validator.validate(payload).stream().map(ConstraintViolation::getPropertyPath).map(Object::toString)
                .collect(Collectors.toSet());
    }
}
