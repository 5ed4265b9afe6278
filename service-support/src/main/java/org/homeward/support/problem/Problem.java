package org.homeward.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem document ({@code application/problem+json}). {@code errors} names each failing field by JSON
 * pointer into the request body (or a parameter or header name). Problems never carry stack traces, class names or
 * the values a client sent.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "An RFC 9457 problem document")
public record Problem(
        @Schema(description = "Stable URI of the problem type", example = "https://homeward.org/problems/validation",
                maxLength = 200) URI type,
        @Schema(example = "The request has invalid fields", maxLength = 200) String title,
        @Schema(example = "422", minimum = "400", maximum = "599") int status,
        @Schema(example = "1 field is not valid", maxLength = 2000) String detail,
        @Schema(description = "The request path", example = "/api/v1/cases", maxLength = 4096) String instance,
        @Schema(description = "Each failing field (at most " + Problem.MAX_ERRORS + ")", maxItems = Problem.MAX_ERRORS)
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** A problem names at most this many fields: a request with thousands of bad fields gets the first ones. */
    public static final int MAX_ERRORS = 100;

    public Problem {
        errors = errors == null ? List.of()
                : List.copyOf(errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors);
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, List.of());
    }

    public static Problem of(ProblemType type, String detail, List<FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, errors);
    }

    public Problem at(String instance) {
        return new Problem(type, title, status, detail, instance, errors);
    }

    /** One failing field: where it is and what is wrong with it. */
    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(description = "JSON pointer into the body, or the parameter, header or column name",
                    example = "/person/hangulName", maxLength = FieldError.MAX_POINTER) String pointer,
            @Schema(example = "must not be blank", maxLength = 2000) String detail) {

        /** Pointers name fields a client sent; a longer name is cut here rather than echoed whole. */
        public static final int MAX_POINTER = 300;

        public FieldError {
            if (pointer != null && pointer.length() > MAX_POINTER) {
                pointer = pointer.substring(0, MAX_POINTER);
            }
        }
    }
}
