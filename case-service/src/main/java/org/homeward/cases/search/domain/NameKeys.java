package org.homeward.cases.search.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The derived keys under which a person's names are found. Search and duplicate detection are equality look-ups on
 * these keys (never pattern matching on the names themselves), so that the names can later be encrypted and the keys
 * replaced by keyed hashes of themselves without changing how search works.
 *
 * <p>A written name (Hangul or any romanisation, in any order, spacing, hyphenation or case) is read as a surname
 * and a given name, each folded to sound codes ({@link Sounds}); the keys are
 * <ul>
 *   <li>{@link Kind#EXACT}: the name as written (case, spacing, punctuation and diacritics aside), so that a search
 *       for the very spelling on record lists that record first;</li>
 *   <li>{@link Kind#FULL}: surname and given name, {@code KiM/KwaG.woN} for 김광원, Kim Kwang-won, Gim Gwangwon,
 *       kim gwang won, Kwang-won Kim, Kim, Kwangwŏn;</li>
 *   <li>{@link Kind#SURNAME}: the surname alone ({@code KiM});</li>
 *   <li>{@link Kind#GIVEN}: the given name alone ({@code KwaG.woN}).</li>
 * </ul>
 * Where the reading is ambiguous (which part is the surname, where syllables end) every reading yields keys, and a
 * query matches when any of its keys equals any of the person's.
 */
public final class NameKeys {

    /** Bumped whenever a rule here or in {@link Sounds} changes: stored keys of an older version are recomputed. */
    public static final int VERSION = 1;
    /** At most this many keys per written name. */
    static final int MAX_KEYS_PER_NAME = 48;

    public enum Kind {
        /** The name as written, ignoring case, spaces, punctuation and diacritics: ranks exact spellings first. */
        EXACT,
        FULL,
        SURNAME,
        GIVEN
    }

    /** One key. Derived from a name, so {@link #toString()} does not print it. */
    public record NameKey(Kind kind, String value) implements Comparable<NameKey> {

        @Override
        public int compareTo(NameKey other) {
            int byKind = kind.compareTo(other.kind);
            return byKind != 0 ? byKind : value.compareTo(other.value);
        }

        @Override
        public String toString() {
            return "NameKey[" + kind + "]";
        }
    }

    /** A reading of a written name: the surname's codes and the given name's (empty for a surname alone). */
    private record Reading(Set<String> surname, Set<String> given) {

        @Override
        public String toString() {
            return "Reading[redacted]";
        }
    }

    private NameKeys() {
    }

    /** Every key of a person: of the Hangul name and of each romanised name. */
    public static Set<NameKey> of(String hangulName, List<String> romanizedNames) {
        Set<NameKey> keys = new TreeSet<>();
        if (hangulName != null) {
            keys.addAll(ofName(hangulName));
        }
        if (romanizedNames != null) {
            romanizedNames.forEach(name -> keys.addAll(ofName(name)));
        }
        return keys;
    }

    /** The keys stored for one written name. */
    public static Set<NameKey> ofName(String name) {
        List<List<String>> sides = sides(name);
        if (sides == null) {
            return Set.of();
        }
        List<Reading> readings = readings(sides);
        Set<NameKey> keys = new TreeSet<>();
        exact(name).ifPresent(keys::add);
        if (readings.isEmpty()) {
            keys.addAll(whole(sides.get(0)));
        }
        for (Reading reading : readings) {
            for (String surname : reading.surname()) {
                keys.add(new NameKey(Kind.SURNAME, surname));
                for (String given : reading.given()) {
                    keys.add(new NameKey(Kind.FULL, surname + "/" + given));
                }
            }
            reading.given().forEach(given -> keys.add(new NameKey(Kind.GIVEN, given)));
        }
        return cap(keys);
    }

    /**
     * The keys a search for {@code query} looks up. A query of two or more words (or "Surname, Given") is a full name
     * and looks up {@link Kind#FULL} keys only. A single word may be a surname, a given name, or a full name written
     * without spaces, and looks up all three. Empty when the query holds no letters.
     */
    public static Set<NameKey> forQuery(String query) {
        List<List<String>> sides = sides(query);
        if (sides == null) {
            return Set.of();
        }
        Set<NameKey> keys = new TreeSet<>();
        exact(query).ifPresent(keys::add);
        for (Reading reading : readings(sides)) {
            for (String surname : reading.surname()) {
                if (reading.given().isEmpty()) {
                    keys.add(new NameKey(Kind.SURNAME, surname));
                }
                for (String given : reading.given()) {
                    keys.add(new NameKey(Kind.FULL, surname + "/" + given));
                }
            }
        }
        boolean oneWord = sides.size() == 1 && sides.get(0).size() == 1;
        if (oneWord) {
            keys.addAll(whole(sides.get(0)));
            String word = sides.get(0).get(0);
            Set<String> surnames = surnameCodes(List.of(word));
            surnames.forEach(code -> keys.add(new NameKey(Kind.SURNAME, code)));
        }
        return cap(keys);
    }

    /** The name as written, lower case, letters only, without diacritics (Hangul stays Hangul). */
    static java.util.Optional<NameKey> exact(String name) {
        String stripped = Normalizer.normalize(Normalizer.normalize(name, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", ""), Normalizer.Form.NFC).toLowerCase(java.util.Locale.ROOT);
        StringBuilder letters = new StringBuilder();
        stripped.codePoints().filter(Character::isLetter).forEach(letters::appendCodePoint);
        return letters.length() == 0 ? java.util.Optional.empty()
                : java.util.Optional.of(new NameKey(Kind.EXACT, letters.toString()));
    }

    /**
     * The words of a name: one list, or two ("Surname, Given" names its surname explicitly). Null when there is no
     * letter at all.
     */
    private static List<List<String>> sides(String name) {
        if (name == null) {
            return null;
        }
        String text = Normalizer.normalize(name, Normalizer.Form.NFC).replace('\u00b7', ' ').replace('\u30fb', ' ')
                .trim();
        if (text.codePoints().noneMatch(Character::isLetter)) {
            return null;
        }
        int comma = text.indexOf(',');
        if (comma >= 0) {
            List<String> surname = words(text.substring(0, comma));
            List<String> given = words(text.substring(comma + 1));
            if (!surname.isEmpty()) {
                return List.of(surname, given);
            }
            text = text.substring(comma + 1);
        }
        List<String> words = words(text);
        return words.isEmpty() ? null : List.of(words);
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.trim().split("[\\s,]+"))
                .filter(w -> w.codePoints().anyMatch(Character::isLetter)).toList();
    }

    /** The possible (surname, given name) readings of a name. */
    private static List<Reading> readings(List<List<String>> sides) {
        List<Reading> readings = new ArrayList<>();
        if (sides.size() == 2) {
            readings.add(new Reading(surnameCodes(sides.get(0)), givenCodes(sides.get(1))));
            return readings;
        }
        List<String> words = sides.get(0);
        int n = words.size();
        if (n >= 2) {
            boolean firstIsSurname = isSurname(words.get(0));
            boolean lastIsSurname = isSurname(words.get(n - 1));
            if (firstIsSurname || !lastIsSurname) {
                // Korean order, the usual one (and the only sensible guess when no part is a known surname).
                readings.add(new Reading(surnameCodes(words.subList(0, 1)), givenCodes(words.subList(1, n))));
            }
            if (lastIsSurname) {
                readings.add(new Reading(surnameCodes(words.subList(n - 1, n)), givenCodes(words.subList(0, n - 1))));
            }
            return readings;
        }
        // One word: a full name written without a space ("김광원", "Kimkwangwon")?
        String word = words.get(0);
        boolean hangul = word.codePoints().allMatch(c -> Hangul.isSyllable(c));
        for (String code : Sounds.ofPart(word)) {
            if (code.startsWith("#")) {
                continue;
            }
            String[] syllables = code.split("\\.");
            for (int k = 1; k <= 2 && k < syllables.length; k++) {
                String surname = Sounds.initialSoundRule(String.join(".", Arrays.asList(syllables).subList(0, k)));
                boolean splitHere = Surnames.isKnown(surname)
                        // Hangul names are written surname first: split after the first syllable even when the
                        // surname is a rare one.
                        || (hangul && k == 1);
                if (splitHere) {
                    String given = firstSyllableRule(
                            String.join(".", Arrays.asList(syllables).subList(k, syllables.length)));
                    readings.add(new Reading(Set.of(surname), Set.of(given)));
                }
            }
        }
        return readings;
    }

    /** The keys of a single word taken whole: as a given name, and as a surname if it is a known one. */
    private static Set<NameKey> whole(List<String> words) {
        Set<NameKey> keys = new TreeSet<>();
        Set<String> codes = givenCodes(words);
        codes.forEach(code -> keys.add(new NameKey(Kind.GIVEN, code)));
        for (String code : codes) {
            if (Surnames.isKnown(code)) {
                keys.add(new NameKey(Kind.SURNAME, code));
            }
        }
        return keys;
    }

    /** True when the word reads as a known surname. */
    static boolean isSurname(String word) {
        return surnameCodes(List.of(word)).stream().anyMatch(Surnames::isKnown);
    }

    /** The codes of a surname: its known-surname readings if it has any, else all its readings. */
    static Set<String> surnameCodes(List<String> words) {
        if (words.size() == 1) {
            String irregular = Surnames.irregular(Sounds.fold(words.get(0)));
            if (irregular != null) {
                return Set.of(irregular);
            }
        }
        Set<String> all = codes(words).stream().map(Sounds::initialSoundRule)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> known = all.stream().filter(Surnames::isKnown).collect(Collectors.toCollection(TreeSet::new));
        return known.isEmpty() ? all : known;
    }

    /** The codes of a given name written as one or more words. */
    static Set<String> givenCodes(List<String> words) {
        return codes(words).stream().map(NameKeys::firstSyllableRule)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String firstSyllableRule(String code) {
        int dot = code.indexOf('.');
        return dot < 0 ? Sounds.initialSoundRule(code)
                : Sounds.initialSoundRule(code.substring(0, dot)) + code.substring(dot);
    }

    private static Set<String> codes(List<String> words) {
        Set<String> codes = new TreeSet<>(Set.of(""));
        for (String word : words) {
            Set<String> readings = Sounds.ofPart(word);
            if (!readings.isEmpty()) {
                codes = Sounds.join(codes, readings);
            }
        }
        codes.remove("");
        return codes;
    }

    private static Set<NameKey> cap(Set<NameKey> keys) {
        if (keys.size() <= MAX_KEYS_PER_NAME) {
            return keys;
        }
        return keys.stream().limit(MAX_KEYS_PER_NAME).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
