package org.homeward.cases.search.domain;

import java.util.Locale;
import org.homeward.cases.search.domain.Hangul.Final;
import org.homeward.cases.search.domain.Hangul.Initial;
import org.homeward.cases.search.domain.Hangul.Medial;
import org.homeward.cases.search.domain.Hangul.Syllable;

/**
 * Hangul to Latin letters in the two systems Korean names are written in: the Revised Romanization of Korean (RR,
 * South Korea's official system since 2000: 김광원 → gimgwangwon) and McCune–Reischauer (MR, the older system that
 * North Korea's own romanisation and most older records follow: 김광원 → kimkwangwŏn).
 *
 * <p>Names are romanised syllable by syllable, as they are written in passports and lists: there is no liaison of a
 * final consonant onto the next syllable and no assimilation between syllables (신라 is {@code sinra}, not the
 * place-name spelling {@code silla}), except the two rules both systems apply inside every word: ㄹㄹ is {@code ll},
 * and, in MR only, ㄱ ㄷ ㅂ ㅈ are voiced ({@code g d b j}) after a vowel or ㄴ ㄹ ㅁ ㅇ, ㅅ before ㅣ or ㅟ is
 * {@code sh}, and ㄴ before a voiced ㄱ takes an apostrophe ({@code han'guk}). Characters that are not Hangul
 * syllables are copied as they are. docs/search.md shows the tables.
 */
public final class Romanizer {

    public enum Scheme { REVISED, MCCUNE_REISCHAUER }

    private static final String[] RR_INITIAL = {"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j",
        "jj", "ch", "k", "t", "p", "h"};
    private static final String[] MR_INITIAL = {"k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch",
        "tch", "ch'", "k'", "t'", "p'", "h"};
    private static final String[] RR_MEDIAL = {"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe",
        "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"};
    private static final String[] MR_MEDIAL = {"a", "ae", "ya", "yae", "\u014f", "e", "y\u014f", "ye", "o", "wa",
        "wae", "oe", "yo", "u", "w\u014f", "we", "wi", "yu", "\u016d", "\u016di", "i"};
    /** Finals as pronounced at the end of a syllable; the same in both systems. */
    private static final String[] FINAL = {"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p",
        "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"};

    private Romanizer() {
    }

    /** The text in RR, lower case; words stay separated as they were. */
    public static String revised(String text) {
        return romanize(text, Scheme.REVISED);
    }

    /** The text in MR, lower case, with its breves (ŏ ŭ) and aspiration apostrophes (k' t' p' ch'). */
    public static String mccuneReischauer(String text) {
        return romanize(text, Scheme.MCCUNE_REISCHAUER);
    }

    public static String romanize(String text, Scheme system) {
        StringBuilder out = new StringBuilder(text.length() * 3);
        Syllable previous = null; // the syllable before in the same word, or null at a word's start
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (!Hangul.isSyllable(c)) {
                out.appendCodePoint(c);
                previous = null;
                continue;
            }
            Syllable syllable = Hangul.decompose(c);
            out.append(initial(previous, syllable, system));
            out.append(system == Scheme.REVISED ? RR_MEDIAL[syllable.medial().ordinal()]
                    : MR_MEDIAL[syllable.medial().ordinal()]);
            out.append(FINAL[syllable.fin().ordinal()]);
            previous = syllable;
        }
        return out.toString();
    }

    /**
     * A name, capitalised, surname apart from the given name: 김광원 → "Gim Gwangwon" (RR) or "Kim Kwangwŏn" (MR).
     * A name written without a space is split after its surname (one syllable, two for 남궁, 황보, 제갈 …).
     */
    public static String name(String hangul, Scheme system) {
        StringBuilder out = new StringBuilder();
        for (String word : splitSurname(hangul.trim()).split("\\s+")) {
            String romanized = romanize(word, system);
            if (romanized.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(romanized.substring(0, 1).toUpperCase(Locale.ROOT)).append(romanized.substring(1));
        }
        return out.toString();
    }

    private static String splitSurname(String name) {
        if (name.length() < 2 || name.codePoints().anyMatch(Character::isWhitespace)
                || !name.codePoints().allMatch(Hangul::isSyllable)) {
            return name;
        }
        int cut = name.length() >= 3 && Surnames.isDoubleSyllable(name.substring(0, 2)) ? 2 : 1;
        return name.substring(0, cut) + " " + name.substring(cut);
    }

    private static String initial(Syllable previous, Syllable syllable, Scheme system) {
        Initial initial = syllable.initial();
        boolean afterLiquid = previous != null && isRieul(previous.fin());
        if (initial == Initial.RIEUL && afterLiquid) {
            return "l";
        }
        if (system == Scheme.REVISED) {
            return RR_INITIAL[initial.ordinal()];
        }
        boolean voicedContext = previous != null && (previous.fin() == Final.NONE || isVoicedFinal(previous.fin()));
        switch (initial) {
            case GIYEOK:
                if (voicedContext) {
                    // ㄴ + g would read as ng: MR separates them (han'guk).
                    return previous.fin() == Final.NIEUN ? "'g" : "g";
                }
                return "k";
            case DIGEUT:
                return voicedContext ? "d" : "t";
            case BIEUP:
                return voicedContext ? "b" : "p";
            case JIEUJ:
                return voicedContext ? "j" : "ch";
            case SIOS:
                return syllable.medial() == Medial.I || syllable.medial() == Medial.WI ? "sh" : "s";
            default:
                return MR_INITIAL[initial.ordinal()];
        }
    }

    private static boolean isRieul(Final fin) {
        return fin == Final.RIEUL;
    }

    private static boolean isVoicedFinal(Final fin) {
        return fin == Final.NIEUN || fin == Final.RIEUL || fin == Final.MIEUM || fin == Final.IEUNG
                || fin == Final.NIEUN_JIEUJ || fin == Final.NIEUN_HIEUH || fin == Final.RIEUL_MIEUM;
    }
}
