package org.homeward.console.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * An RFC 9457 problem document as the Homeward APIs answer it (docs/api/problems.md). Its texts are the API's own
 * (English); it never carries the values that were sent, but {@link #toString()} prints the type and status only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Problem(String type, String title, Integer status, String detail, List<FieldError> errors) {

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** One failing field, named by a JSON pointer into the body ({@code /heldBy}) or by a parameter's name. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FieldError(String pointer, String detail) {

        @Override
        public String toString() {
            return "FieldError[pointer=" + pointer + "]";
        }
    }

    /** The last segment of {@code type}, e.g. {@code validation}. */
    public String kind() {
        if (type == null) {
            return "";
        }
        int slash = type.lastIndexOf('/');
        return slash < 0 ? type : type.substring(slash + 1);
    }

    @Override
    public String toString() {
        return "Problem[type=" + type + ", status=" + status + ", errors=" + errors.size() + "]";
    }
}
