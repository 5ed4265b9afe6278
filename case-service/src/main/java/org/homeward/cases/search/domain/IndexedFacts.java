package org.homeward.cases.search.domain;

import java.time.LocalDate;
import java.util.List;
import org.homeward.cases.statistics.domain.AgeGroup;
import org.homeward.events.Person;

/**
 * What a case stores, besides the (sealed) person, so that it can be found, compared and counted without reading the
 * person back: the name keys, the birth year (only inside the derived duplicate keys, never in clear) and the age group
 * when taken (statistics; null when the birth year or the date taken is unknown, or the date lies before the birth
 * year).
 */
public record IndexedFacts(List<NameKeys.NameKey> nameKeys, Integer birthYear, String ageGroupWhenTaken) {

    public IndexedFacts {
        nameKeys = List.copyOf(nameKeys);
    }

    public static IndexedFacts of(Person person, LocalDate dateTaken) {
        Integer birthYear = person.birthYear();
        Integer age = birthYear != null && dateTaken != null && dateTaken.getYear() >= birthYear
                ? dateTaken.getYear() - birthYear : null;
        return new IndexedFacts(List.copyOf(NameKeys.of(person.hangulName(), person.romanizedNames())), birthYear,
                age == null ? null : AgeGroup.of(age));
    }

    @Override
    public String toString() {
        return "IndexedFacts[" + nameKeys.size() + " name keys]";
    }
}
