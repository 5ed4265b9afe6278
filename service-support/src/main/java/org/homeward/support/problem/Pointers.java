package org.homeward.support.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Turns Bean Validation property paths and Jackson reference chains into JSON pointers (RFC 6901). */
public final class Pointers {

    private Pointers() {
    }

    /**
     * {@code open.request.person.romanizedNames[1].<list element>} becomes {@code /person/romanizedNames/1}: method and
     * parameter nodes are dropped; {@code prefix} is prepended (e.g. where the validated object sits in the body).
     */
    public static String of(String prefix, Path path) {
        StringBuilder pointer = new StringBuilder(prefix);
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.PARAMETER || kind == ElementKind.RETURN_VALUE
                    || kind == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            // A node inside a list or map carries its index or key: names[1].<list element>, items[2].name.
            if (node.isInIterable()) {
                if (node.getIndex() != null) {
                    pointer.append('/').append(node.getIndex());
                } else if (node.getKey() != null) {
                    pointer.append('/').append(escape(String.valueOf(node.getKey())));
                }
            }
            if (kind != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                pointer.append('/').append(escape(node.getName()));
            }
        }
        return pointer.toString();
    }

    /** Where a Jackson mapping error happened, as a JSON pointer. */
    public static String of(String prefix, JsonMappingException e) {
        StringBuilder pointer = new StringBuilder(prefix);
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                pointer.append('/').append(escape(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                pointer.append('/').append(ref.getIndex());
            }
        }
        return pointer.toString();
    }

    /** One field error per violation, in pointer order so that answers are stable. */
    public static List<Problem.FieldError> errors(String prefix, Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(v -> new Problem.FieldError(of(prefix, v.getPropertyPath()), v.getMessage()))
                .distinct()
                .sorted(Comparator.comparing(Problem.FieldError::pointer).thenComparing(Problem.FieldError::detail))
                .toList();
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
