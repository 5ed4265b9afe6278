package org.homeward.cases.search.domain;

import java.time.LocalDate;
import java.util.List;
import org.homeward.events.Person;

/**
 * What a case stores, besides the person, so that it can be found, compared and counted without reading the person
 * back: the name keys, the birth year (duplicates) and the age when taken in whole years (statistics; null when the
 * birth year or the date taken is unknown, or the date lies before the birth year).
 */
public record IndexedFacts(List<NameKeys.NameKey> nameKeys, Integer birthYear, Integer ageWhenTaken) {

    public IndexedFacts {
        nameKeys = List.copyOf(nameKeys);
    }

    public static IndexedFacts of(Person person, LocalDate dateTaken) {
        Integer birthYear = person.birthYear();
        Integer age = birthYear != null && dateTaken != null && dateTaken.getYear() >= birthYear
                ? dateTaken.getYear() - birthYear : null;
        return new IndexedFacts(List.copyOf(NameKeys.of(person.hangulName(), person.romanizedNames())), birthYear,
                age);
    }

    @Override
    public String toString() {
        return "IndexedFacts[" + nameKeys.size() + " name keys]";
    }
}
