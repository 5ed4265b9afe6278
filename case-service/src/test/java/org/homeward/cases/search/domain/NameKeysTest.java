package org.homeward.cases.search.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.homeward.cases.search.domain.NameKeys.Kind;
import org.homeward.cases.search.domain.NameKeys.NameKey;
import org.homeward.cases.search.domain.Romanizer.Scheme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which written names find which persons. */
class NameKeysTest {

    @ParameterizedTest(name = "\"{1}\" finds {0}")
    @CsvSource(quoteCharacter = '"', value = {
        // The acceptance examples.
        "김광원, Kim Kwang-won",
        "김광원, Gim Gwangwon",
        "김광원, kim gwang won",
        // Other orders and forms of the same name.
        "김광원, Kwang-won Kim",
        "김광원, KIM Kwangwon",
        "김광원, Kim, Kwang-won",
        "김광원, Kim Kwangwŏn",
        "김광원, Kimkwangwon",
        "김광원, 김 광원",
        "김광원, 김광원",
        // Surname spellings of the issue.
        "이민호, Lee Min-ho",
        "이민호, Yi Min-ho",
        "이민호, Rhee Min-ho",
        "이민호, I Minho",
        "이민호, Ri Min-ho",
        "박정희, Park Chung-hee",
        "박정희, Pak Chŏng-hŭi",
        "박정희, Bak Jeong-hui",
        "최영수, Choi Young-soo",
        "최영수, Choe Yŏng-su",
        "정성훈, Jung Sung-hoon",
        "정성훈, Jeong Seong-hun",
        "정성훈, Chung Sung-hoon",
        "정성훈, Chŏng Sŏng-hun",
        // North Korean spellings keep the initial ㄹ that South Korean spelling drops.
        "리광철, Lee Kwang-chol",
        "리광철, Ri Gwang-cheol",
        "리광철, 이광철",
        "류경희, Yoo Kyung-hee",
        "류경희, Ryu Gyeong-hui",
        "림영철, Lim Young-chul",
        "림영철, Im Yeong-cheol",
        // Spelling habits.
        "안철수, Ahn Cheol-soo",
        "오세훈, Oh Se-hoon",
        "손흥민, Son Heung-min",
        "손흥민, Sohn Heung-min",
        "허준, Hur Joon",
        "황보영, Whangbo Young",
        "남궁민수, Namkoong Min-su",
        "선우진, Sunwoo Jin",
        "백승호, Paik Seung-ho"
    })
    void aNameIsFoundByItsSpellings(String stored, String query) {
        assertMatches(Set.of(stored), query);
    }

    @Test
    void aRomanisedNameIsFoundByItsHangul() {
        assertMatches(Set.of("Kim Gwang-Won"), "김광원");
        assertMatches(Set.of("Kim Kwang-won"), "김광원");
        assertMatches(Set.of("Ri Gwang-cheol"), "리광철");
        assertMatches(Set.of("Lee Kwang-chol"), "리광철");
    }

    @Test
    void aHangulNameIsFoundByItsOwnRomanisations() {
        for (String name : List.of("김광원", "리광철", "박정희", "최영수", "정성훈", "남궁민수", "황보영", "서은혜",
                "윤석열", "문재인", "노무현", "김대중", "김정은", "이설주", "현송월", "태영호")) {
            assertMatches(Set.of(name), Romanizer.name(name, Scheme.REVISED));
            assertMatches(Set.of(name), Romanizer.name(name, Scheme.MCCUNE_REISCHAUER));
        }
    }

    @ParameterizedTest(name = "\"{1}\" does not find {0}")
    @CsvSource(quoteCharacter = '"', value = {
        "김광원, Kim Kwang-su",
        "김광원, Park Kwang-won",
        "김광원, Kim Won-kwang",
        "김광원, Kim Gwan-gu",
        "이민호, Lee Min-su",
        "박정희, Park Jeong-ho",
        "최영수, Choi Yong-ho",
        "정성훈, Jung Seong-min"
    })
    void otherNamesAreNotFound(String stored, String query) {
        Set<NameKey> common = new TreeSet<>(NameKeys.of(stored, List.of()));
        common.retainAll(NameKeys.forQuery(query));
        assertTrue(common.isEmpty(), () -> query + " should not find " + stored);
    }

    @Test
    void aSingleWordFindsBySurnameOrByGivenName() {
        Set<NameKey> person = NameKeys.of("김광원", List.of("Kim Kwang-won"));
        Set<NameKey> bySurname = NameKeys.forQuery("Kim");
        assertTrue(bySurname.stream().anyMatch(k -> k.kind() == Kind.SURNAME && person.contains(k)));
        Set<NameKey> byGiven = NameKeys.forQuery("Gwangwon");
        assertTrue(byGiven.stream().anyMatch(k -> k.kind() == Kind.GIVEN && person.contains(k)));
        assertTrue(NameKeys.forQuery("김").stream().anyMatch(person::contains));
    }

    @Test
    void aFullNameQueryLooksUpFullNamesOnly() {
        assertTrue(NameKeys.forQuery("Kim Kwang-won").stream()
                .allMatch(k -> k.kind() == Kind.FULL || k.kind() == Kind.EXACT));
        // So a full name does not find every Kim.
        Set<NameKey> otherKim = NameKeys.of("김영수", List.of());
        assertTrue(NameKeys.forQuery("Kim Kwang-won").stream().noneMatch(otherKim::contains));
    }

    @Test
    void namesThatAreNotKoreanAreFoundAsWritten() {
        assertMatches(Set.of("Second soldier"), "second soldier");
        assertMatches(Set.of("Second soldier"), "SECOND SOLDIER");
        Set<NameKey> common = new TreeSet<>(NameKeys.of(null, List.of("Second soldier")));
        common.retainAll(NameKeys.forQuery("Third soldier"));
        assertTrue(common.isEmpty());
    }

    @Test
    void aQueryWithoutLettersHasNoKeys() {
        assertEquals(Set.of(), NameKeys.forQuery("  -- 123 "));
        assertEquals(Set.of(), NameKeys.forQuery(""));
        assertEquals(Set.of(), NameKeys.of(null, List.of()));
    }

    @Test
    void keysNeverPrintTheName() {
        NameKey key = NameKeys.forQuery("Kim Kwang-won").iterator().next();
        assertFalse(key.toString().contains("Ki"), key.toString());
    }

    @Test
    void theSpellingAsWrittenIsAKeyOfItsOwn() {
        assertTrue(NameKeys.ofName("Kim Kwang-wŏn").contains(new NameKey(Kind.EXACT, "kimkwangwon")));
        assertTrue(NameKeys.forQuery("KIM kwang won").contains(new NameKey(Kind.EXACT, "kimkwangwon")));
        assertTrue(NameKeys.ofName("김광원").contains(new NameKey(Kind.EXACT, "김광원")));
        assertTrue(NameKeys.forQuery("김 광원").contains(new NameKey(Kind.EXACT, "김광원")));
        assertFalse(NameKeys.forQuery("Kwang-won Kim").contains(new NameKey(Kind.EXACT, "kimkwangwon")));
    }

    @Test
    void theAcceptanceNameHasTheExpectedKeys() {
        Set<NameKey> keys = NameKeys.of("김광원", List.of());
        assertTrue(keys.contains(new NameKey(Kind.FULL, "KiM/KwaG.woN")), keys::toString);
        assertTrue(keys.contains(new NameKey(Kind.SURNAME, "KiM")));
        assertTrue(keys.contains(new NameKey(Kind.GIVEN, "KwaG.woN")));
    }

    private static void assertMatches(Set<String> storedNames, String query) {
        Set<NameKey> stored = new TreeSet<>();
        for (String name : storedNames) {
            stored.addAll(NameKeys.ofName(name));
        }
        Set<NameKey> wanted = NameKeys.forQuery(query);
        assertTrue(wanted.stream().anyMatch(stored::contains),
                () -> "\"" + query + "\" should find " + storedNames + ": query " + describe(wanted) + ", stored "
                        + describe(stored));
    }

    private static String describe(Set<NameKey> keys) {
        StringBuilder out = new StringBuilder();
        keys.forEach(k -> out.append(k.kind()).append(':').append(k.value()).append(' '));
        return out.toString();
    }
}
