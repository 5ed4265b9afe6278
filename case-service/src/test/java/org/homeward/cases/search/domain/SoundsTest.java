package org.homeward.cases.search.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The folding of every spelling of a syllable to one sound code. */
class SoundsTest {

    @Test
    void everySyllableReadsBackFromItsRevisedAndItsMcCuneReischauerSpelling() {
        for (int c = Hangul.FIRST; c <= Hangul.LAST; c++) {
            String syllable = new String(Character.toChars(c));
            String code = Sounds.of(Hangul.decompose(c));
            assertEquals(Set.of(code), Sounds.ofPart(syllable));
            assertTrue(Sounds.ofPart(Romanizer.revised(syllable)).contains(code),
                    () -> syllable + " RR " + Romanizer.revised(syllable) + " → " + Sounds.ofPart(Romanizer.revised(syllable)));
            assertTrue(Sounds.ofPart(Romanizer.mccuneReischauer(syllable)).contains(code),
                    () -> syllable + " MR " + Romanizer.mccuneReischauer(syllable));
        }
    }

    @Test
    void namesOfTwoToFourSyllablesReadBackFromBothSystems() {
        Random random = new Random(20261130L);
        List<String> failures = new ArrayList<>();
        for (int n = 0; n < 20_000; n++) {
            int length = 2 + random.nextInt(3);
            StringBuilder word = new StringBuilder();
            for (int i = 0; i < length; i++) {
                word.appendCodePoint(Hangul.FIRST + random.nextInt(Hangul.LAST - Hangul.FIRST + 1));
            }
            String hangul = word.toString();
            String code = Sounds.ofPart(hangul).iterator().next();
            if (!Sounds.ofPart(Romanizer.revised(hangul)).contains(code)
                    || !Sounds.ofPart(Romanizer.mccuneReischauer(hangul)).contains(code)) {
                failures.add(hangul);
            }
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " words did not read back, e.g. "
                + failures.subList(0, Math.min(5, failures.size())));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(quoteCharacter = '"', value = {
        "광원, Gwang-won",
        "광원, Kwang-won",
        "광원, Kwangwon",
        "광원, kwang-wŏn",
        "광원, GWANG-WON",
        "정희, Chŏng-hŭi",
        "정희, Jung-hee",
        "정희, Jeong-hui",
        "영수, Young-soo",
        "영수, Yeong-su",
        "영수, Yŏng-su",
        "철수, Chul-soo",
        "철수, Cheol-su",
        "철수, Ch'ŏl-su",
        "현우, Hyun-woo",
        "현우, Hyeon-u",
        "은혜, Eun-hye",
        "은혜, Ŭn-hye",
        "성훈, Sung-hoon",
        "성훈, Seong-hun",
        "재석, Jae-suk",
        "재석, Chae-sŏk",
        "대중, Dae-jung",
        "대중, Tae-jung",
        "광철, Kwang-chol",
        "광철, Gwang-cheol",
        "순희, Sun-hee",
        "순희, Soon-hee",
        "경복, Kyung-bok",
        "경복, Gyeong-bok",
        "혁, Hyuk",
        "혁, Hyeok",
        "승리, Seung-ri",
        "승리, Sŭng-ri",
        "보은, Bo-eun",
        "보은, Poŭn"
    })
    void commonSpellingsFoldToTheHangulCode(String hangul, String spelling) {
        String code = Sounds.ofPart(hangul).iterator().next();
        assertTrue(Sounds.ofPart(spelling).contains(code), () -> spelling + " → " + Sounds.ofPart(spelling)
                + ", expected " + code);
    }

    @Test
    void hyphensMarkSyllablesWhenEveryPieceReads() {
        assertEquals(Set.of("KwaG.woN"), Sounds.ofPart("Gwang-won"));
        assertEquals(Set.of("KwaG.woN", "KwaN.KwoN"), Sounds.ofPart("Gwangwon"));
    }

    @Test
    void wordsThatAreNotKoreanSyllablesAreKeptAsWritten() {
        assertEquals(Set.of("#smith"), Sounds.ofPart("Smith"));
        assertEquals(Set.of("#иван"), Sounds.ofPart("Иван"));
        assertEquals(Set.of(), Sounds.ofPart("--"));
    }

    @Test
    void theInitialSoundRuleFoldsNorthAndSouthSpellings() {
        assertEquals("i", Sounds.initialSoundRule(Sounds.of(Hangul.decompose('리'))));
        assertEquals("i", Sounds.initialSoundRule(Sounds.of(Hangul.decompose('이'))));
        assertEquals("yo", Sounds.initialSoundRule(Sounds.of(Hangul.decompose('류'))));
        assertEquals("No", Sounds.initialSoundRule(Sounds.of(Hangul.decompose('로'))));
        assertEquals("yoN", Sounds.initialSoundRule(Sounds.of(Hangul.decompose('련'))));
        assertEquals("NaM", Sounds.initialSoundRule(Sounds.of(Hangul.decompose('남'))));
    }

    @Test
    void distinctSyllablesStayDistinct() {
        assertNotEquals(Sounds.ofPart("광"), Sounds.ofPart("관"));
        assertNotEquals(Sounds.ofPart("수"), Sounds.ofPart("호"), "ㅜ and ㅗ fold, but the onsets differ");
        assertNotEquals(Sounds.ofPart("민"), Sounds.ofPart("만"));
        assertNotEquals(Sounds.ofPart("김"), Sounds.ofPart("금"));
    }
}
