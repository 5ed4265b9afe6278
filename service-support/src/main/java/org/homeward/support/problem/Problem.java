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
        @Schema(description = "Stable URI of the problem type", example = "https://homeward.org/problems/validation")
        URI type,
        @Schema(example = "The request has invalid fields") String title,
        @Schema(example = "422") int status,
        @Schema(example = "1 field is not valid") String detail,
        @Schema(description = "The request path", example = "/api/v1/cases") String instance,
        @Schema(description = "Each failing field") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
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
            @Schema(description = "JSON pointer into the body, or the parameter or header name",
                    example = "/person/hangulName") String pointer,
            @Schema(example = "must not be blank") String detail) {
    }
}
