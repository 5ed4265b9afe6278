package org.homeward.cases.search.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.homeward.cases.search.domain.Romanizer.Scheme;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Hangul to RR and MR, checked against spellings published in each system. */
class RomanizerTest {

    @ParameterizedTest(name = "{0}: RR {1}, MR {2}")
    @CsvSource(quoteCharacter = '"', value = {
        // Names and places as the National Institute of Korean Language (RR) and MR references write them,
        // syllable by syllable.
        "김광원, gimgwangwon, kimgwangwŏn",
        "리광철, rigwangcheol, rigwangch'ŏl",
        "부산, busan, pusan",
        "서울, seoul, sŏul",
        "평양, pyeongyang, p'yŏngyang",
        "한국, hanguk, han'guk",
        "대중, daejung, taejung",
        "정희, jeonghui, chŏnghŭi",
        "신의주, sinuiju, shinŭiju",
        "시, si, shi",
        "쉬, swi, shwi",
        "설리, seolli, sŏlli",
        "최, choe, ch'oe",
        "박, bak, pak",
        "이, i, i",
        "꽃, kkot, kkot",
        "짜장, jjajang, tchajang",
        "읽, ik, ik",
        "값, gap, kap",
        "괴, goe, koe",
        "왜, wae, wae",
        "뭐, mwo, mwŏ",
        "의, ui, ŭi",
        "예, ye, ye",
        "얘, yae, yae",
        "금강, geumgang, kŭmgang",
        "백두, baekdu, paektu",
        "일성, ilseong, ilsŏng",
        "함흥, hamheung, hamhŭng",
        "개성, gaeseong, kaesŏng"
    })
    void wordsInBothSystems(String hangul, String revised, String mccuneReischauer) {
        assertEquals(revised, Romanizer.revised(hangul));
        assertEquals(mccuneReischauer, Romanizer.mccuneReischauer(hangul));
    }

    @ParameterizedTest(name = "{0}: {1} / {2}")
    @CsvSource(quoteCharacter = '"', value = {
        "김광원, Gim Gwangwon, Kim Kwangwŏn",
        "박정희, Bak Jeonghui, Pak Chŏnghŭi",
        "김대중, Gim Daejung, Kim Taejung",
        "김일성, Gim Ilseong, Kim Ilsŏng",
        "노무현, No Muhyeon, No Muhyŏn",
        "남궁민수, Namgung Minsu, Namgung Minsu",
        "황보 영, Hwangbo Yeong, Hwangbo Yŏng"
    })
    void namesAreCapitalisedWithTheSurnameApart(String hangul, String revised, String mccuneReischauer) {
        assertEquals(revised, Romanizer.name(hangul, Scheme.REVISED));
        assertEquals(mccuneReischauer, Romanizer.name(hangul, Scheme.MCCUNE_REISCHAUER));
    }

    @Test
    void everySyllableHasARomanisationInBothSystems() {
        for (int c = Hangul.FIRST; c <= Hangul.LAST; c++) {
            String syllable = new String(Character.toChars(c));
            String revised = Romanizer.revised(syllable);
            String mr = Romanizer.mccuneReischauer(syllable);
            assertTrue(revised.matches("[a-z]+"), syllable + " → " + revised);
            assertTrue(mr.matches("[a-zŏŭ']+"), syllable + " → " + mr);
        }
    }

    @Test
    void decompositionAndCompositionAreInverse() {
        for (int c = Hangul.FIRST; c <= Hangul.LAST; c++) {
            assertEquals(c, Hangul.decompose(c).compose());
        }
        Hangul.Syllable gwang = Hangul.decompose('광');
        assertEquals(Hangul.Initial.GIYEOK, gwang.initial());
        assertEquals(Hangul.Medial.WA, gwang.medial());
        assertEquals(Hangul.Final.IEUNG, gwang.fin());
    }

    @Test
    void otherCharactersAreCopied() {
        assertEquals("gim Kim-1", Romanizer.revised("김 Kim-1"));
        assertEquals("", Romanizer.revised(""));
    }
}
