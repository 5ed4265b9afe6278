package org.homeward.events;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.homeward.events.validation.Named;

/** Who a case is about. Personal data: {@link #toString()} never prints it. */
@Named
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record Person(
        @Size(max = Limits.NAME) String hangulName,
        @Size(max = Limits.ROMANIZED_NAMES) List<@NotBlank @Size(max = Limits.NAME) String> romanizedNames,
        @Min(1880) @Max(2100) Integer birthYear,
        Sex sex,
        @Size(max = Limits.PLACE) String placeOfOrigin) {

    public Person {
        romanizedNames = romanizedNames == null ? List.of() : List.copyOf(romanizedNames);
    }

    @Override
    public String toString() {
        return "Person[redacted]";
    }
}
