package org.homeward.support.problem;

import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.homeward.events.validation.Texts;

/**
 * Reads query parameters so that a bad value answers 422 naming the parameter (JAX-RS would answer 404 for a value it
 * cannot convert, as if the resource did not exist).
 */
public final class Params {

    private Params() {
    }

    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank() && Texts.isClean(value)) {
            return null;
        }
        clean(name, value);
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank() && Texts.isClean(value)) {
            return null;
        }
        clean(name, value);
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "must be a UUID");
        }
    }

    /** A path segment's id: never optional, so a blank one is refused like any other value that is not a UUID. */
    public static UUID pathUuid(String name, String value) {
        UUID id = uuid(name, value);
        if (id == null) {
            throw ProblemException.invalid(name, "must be a UUID");
        }
        return id;
    }

    /**
     * Refuses a parameter that is not clean text ({@link Texts}), naming it: checked before anything trims it, since
     * {@code trim()} drops control characters at the ends unseen.
     */
    public static String clean(String name, String value) {
        Texts.refusal(value, false).ifPresent(detail -> {
            throw ProblemException.invalid(name, detail);
        });
        return value;
    }
}
