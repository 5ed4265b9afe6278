package org.homeward.events;

import org.homeward.events.validation.CleanText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.homeward.events.validation.Named;
import org.homeward.events.validation.Texts;

/** Who a case is about. Personal data: {@link #toString()} never prints it. */
@Named
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record Person(
        @CleanText @Size(max = Limits.NAME) String hangulName,
        @Size(max = Limits.ROMANIZED_NAMES) List<@NotBlank @CleanText @Size(max = Limits.NAME) String> romanizedNames,
        @Min(1880) @Max(2100) Integer birthYear,
        Sex sex,
        @CleanText @Size(max = Limits.PLACE) String placeOfOrigin) {

    /** Names are kept in Unicode NFC ({@link Texts#name}): a name typed as Hangul jamo is the same name. */
    public Person {
        hangulName = Texts.name(hangulName);
        romanizedNames = romanizedNames == null ? List.of()
                : romanizedNames.stream().map(Texts::name).collect(java.util.stream.Collectors.toUnmodifiableList());
    }

    @Override
    public String toString() {
        return "Person[redacted]";
    }
}
