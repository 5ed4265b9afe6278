package org.homeward.cases.search.domain;

/**
 * Unicode Hangul syllables and their jamo. A precomposed syllable (U+AC00 to U+D7A3) is
 * {@code 0xAC00 + (initial * 21 + medial) * 28 + final}, with 19 initials, 21 medials and 28 finals (0 = none), in
 * the orders of the arrays below (the Unicode standard, chapter 3.12).
 */
public final class Hangul {

    static final int FIRST = 0xAC00;
    static final int LAST = 0xD7A3;
    static final int MEDIALS = 21;
    static final int FINALS = 28;

    /** The 19 initial consonants, in Unicode order. */
    public enum Initial {
        GIYEOK, SSANGGIYEOK, NIEUN, DIGEUT, SSANGDIGEUT, RIEUL, MIEUM, BIEUP, SSANGBIEUP, SIOS, SSANGSIOS, IEUNG,
        JIEUJ, SSANGJIEUJ, CHIEUCH, KHIEUKH, THIEUTH, PHIEUPH, HIEUH
    }

    /** The 21 vowels, in Unicode order: ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ. */
    public enum Medial {
        A, AE, YA, YAE, EO, E, YEO, YE, O, WA, WAE, OE, YO, U, WO, WE, WI, YU, EU, UI, I
    }

    /** The 27 final consonants and clusters, in Unicode order; {@code NONE} is the open syllable. */
    public enum Final {
        NONE, GIYEOK, SSANGGIYEOK, GIYEOK_SIOS, NIEUN, NIEUN_JIEUJ, NIEUN_HIEUH, DIGEUT, RIEUL, RIEUL_GIYEOK,
        RIEUL_MIEUM, RIEUL_BIEUP, RIEUL_SIOS, RIEUL_THIEUTH, RIEUL_PHIEUPH, RIEUL_HIEUH, MIEUM, BIEUP, BIEUP_SIOS,
        SIOS, SSANGSIOS, IEUNG, JIEUJ, CHIEUCH, KHIEUKH, THIEUTH, PHIEUPH, HIEUH
    }

    /** One decomposed syllable. */
    public record Syllable(Initial initial, Medial medial, Final fin) {

        public char compose() {
            return (char) (FIRST + (initial.ordinal() * MEDIALS + medial.ordinal()) * FINALS + fin.ordinal());
        }
    }

    private Hangul() {
    }

    public static boolean isSyllable(int c) {
        return c >= FIRST && c <= LAST;
    }

    /** True when the text has at least one Hangul syllable. */
    public static boolean containsSyllable(CharSequence text) {
        return text.codePoints().anyMatch(Hangul::isSyllable);
    }

    public static Syllable decompose(int c) {
        if (!isSyllable(c)) {
            throw new IllegalArgumentException("not a precomposed Hangul syllable: U+" + Integer.toHexString(c));
        }
        int index = c - FIRST;
        return new Syllable(Initial.values()[index / (MEDIALS * FINALS)],
                Medial.values()[(index % (MEDIALS * FINALS)) / FINALS], Final.values()[index % FINALS]);
    }
}
