package org.homeward.cases.search.domain;

import java.text.Normalizer;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.homeward.cases.search.domain.Hangul.Syllable;

/**
 * The canonical folding behind name search: every spelling of a Korean syllable, in Hangul, in RR, in MR or in a common
 * spelling, folds to one <em>sound code</em>, so that 광 (Hangul), gwang (RR), kwang (MR and common spelling) are all
 * {@code KwaG}.
 *
 * <p>A sound code is an onset class, a vowel class and a coda class:
 * <ul>
 *   <li>onset (upper case, or none for ㅇ): {@code K} ㄱㄲㅋ, {@code T} ㄷㄸㅌ, {@code P} ㅂㅃㅍ, {@code C} ㅈㅉㅊ,
 *       {@code S} ㅅㅆ, {@code L} ㄹ, {@code N} ㄴ, {@code M} ㅁ, {@code H} ㅎ. Plain, tense and aspirated consonants
 *       fold together: RR and MR write them differently (g/k, d/t, b/p, j/ch) and people spell them as they hear.</li>
 *   <li>vowel (lower case): {@code a} ㅏ; {@code o} ㅓㅗㅜㅡ; {@code e} ㅐㅔ; {@code i} ㅣㅢ; {@code ya} ㅑ;
 *       {@code yo} ㅕㅛㅠ; {@code ye} ㅒㅖ; {@code wa} ㅘ; {@code wo} ㅝ; {@code we} ㅙㅚㅞ; {@code wi} ㅟ.
 *       ㅓㅗㅜㅡ fold together because common spellings write ㅓ as u or o (정: Jeong, Jung, Chung, Chong) and ㅡ as
 *       u (Geum, Kum).</li>
 *   <li>coda (upper case, or none): {@code K T P L N M}, and {@code G} for ㅇ (ng), as pronounced at the end of a
 *       syllable.</li>
 * </ul>
 * A Hangul syllable has exactly one code. A Latin word may have several, because romanisations do not mark syllable
 * boundaries ({@code gwangwon} is 광원 or 관권): {@link #ofPart} answers every reading, and a name is found when any
 * reading matches. docs/search.md lists every rule and its known ambiguities.
 */
public final class Sounds {

    /** At most this many readings of one word are kept (long Latin words can have many). */
    static final int MAX_READINGS = 16;
    /** Words longer than this many letters are not split into syllables (they are matched as written). */
    static final int MAX_LETTERS = 40;

    private static final String[] ONSET = {"K", "K", "N", "T", "T", "L", "M", "P", "P", "S", "S", "", "C", "C", "C",
        "K", "T", "P", "H"};
    private static final String[] VOWEL = {"a", "e", "ya", "ye", "o", "e", "yo", "ye", "o", "wa", "we", "we", "yo",
        "o", "wo", "we", "wi", "yo", "o", "i", "i"};
    /** Codas as pronounced: ㄱㄲㄳㄺㅋ K, ㄴㄵㄶ N, ㄷㅅㅆㅈㅊㅌㅎ T, ㄹㄼㄽㄾㅀ L, ㅁㄻ M, ㅂㅄㄿㅍ P, ㅇ G. */
    private static final String[] CODA = {"", "K", "K", "K", "N", "N", "N", "T", "L", "K", "M", "L", "L", "L", "P",
        "L", "M", "P", "P", "T", "T", "G", "T", "T", "K", "T", "P", "T"};

    /** Latin spellings of onsets, vowels and codas, with their classes. */
    private static final Map<String, String> LATIN_ONSETS = Map.ofEntries(
            Map.entry("k", "K"), Map.entry("g", "K"), Map.entry("kk", "K"), Map.entry("gg", "K"), Map.entry("kh", "K"),
            Map.entry("t", "T"), Map.entry("d", "T"), Map.entry("tt", "T"), Map.entry("dd", "T"), Map.entry("th", "T"),
            Map.entry("p", "P"), Map.entry("b", "P"), Map.entry("pp", "P"), Map.entry("bb", "P"), Map.entry("ph", "P"),
            Map.entry("f", "P"), Map.entry("v", "P"),
            Map.entry("j", "C"), Map.entry("ch", "C"), Map.entry("jj", "C"), Map.entry("tch", "C"), Map.entry("z", "C"),
            Map.entry("s", "S"), Map.entry("ss", "S"), Map.entry("sh", "S"),
            Map.entry("r", "L"), Map.entry("l", "L"),
            Map.entry("n", "N"), Map.entry("m", "M"), Map.entry("h", "H"));
    private static final Map<String, String> LATIN_VOWELS = Map.ofEntries(
            Map.entry("a", "a"), Map.entry("ae", "e"), Map.entry("ai", "e"), Map.entry("e", "e"),
            Map.entry("ya", "ya"), Map.entry("yae", "ye"), Map.entry("ye", "ye"),
            Map.entry("o", "o"), Map.entry("eo", "o"), Map.entry("u", "o"), Map.entry("eu", "o"), Map.entry("oo", "o"),
            Map.entry("ou", "o"), Map.entry("woo", "o"), Map.entry("wu", "o"),
            Map.entry("yo", "yo"), Map.entry("yeo", "yo"), Map.entry("yu", "yo"), Map.entry("you", "yo"),
            Map.entry("yoo", "yo"),
            Map.entry("i", "i"), Map.entry("ee", "i"), Map.entry("ui", "i"), Map.entry("eui", "i"), Map.entry("yi", "i"),
            Map.entry("wa", "wa"), Map.entry("wo", "wo"), Map.entry("weo", "wo"),
            Map.entry("we", "we"), Map.entry("wae", "we"), Map.entry("oe", "we"), Map.entry("oi", "we"),
            Map.entry("wi", "wi"));
    private static final Map<String, String> LATIN_CODAS = Map.of(
            "k", "K", "ck", "K", "t", "T", "p", "P", "l", "L", "n", "N", "m", "M", "ng", "G");
    private static final int LONGEST = 3;

    private Sounds() {
    }

    /** The one code of a Hangul syllable. */
    public static String of(Syllable syllable) {
        return ONSET[syllable.initial().ordinal()] + VOWEL[syllable.medial().ordinal()]
                + CODA[syllable.fin().ordinal()];
    }

    /**
     * Every reading of one written word (no spaces) as a sequence of syllable codes, each sequence joined with
     * {@code .}: {@code 광원} → [{@code KwaG.woN}]; {@code Gwang-won} → [{@code KwaG.woN}];
     * {@code gwangwon} → [{@code KwaG.woN}, {@code KwaN.KwoN}]. Hyphens inside the word mark syllable boundaries
     * when every piece reads on its own. A word that does not read as Korean syllables (or is in another script)
     * answers its letters as written, marked {@code #}. Empty when the word has no letters.
     */
    public static Set<String> ofPart(String word) {
        String nfc = Normalizer.normalize(word, Normalizer.Form.NFC);
        if (Hangul.containsSyllable(nfc) && nfc.codePoints().allMatch(c -> Hangul.isSyllable(c) || !isLetter(c))) {
            StringBuilder code = new StringBuilder();
            nfc.codePoints().filter(Hangul::isSyllable).forEach(c -> {
                if (code.length() > 0) {
                    code.append('.');
                }
                code.append(of(Hangul.decompose(c)));
            });
            return Set.of(code.toString());
        }
        // Mixed scripts inside one word: read its Hangul through RR.
        String latin = Hangul.containsSyllable(nfc) ? Romanizer.revised(nfc) : nfc;
        String folded = fold(latin);
        if (folded.isEmpty()) {
            return Set.of();
        }
        if (!folded.chars().allMatch(c -> c == '-' || (c >= 'a' && c <= 'z'))) {
            return Set.of("#" + folded.replace("-", ""));
        }
        String letters = folded.replace("-", "");
        if (letters.isEmpty()) {
            return Set.of();
        }
        if (letters.length() > MAX_LETTERS) {
            return Set.of("#" + letters);
        }
        if (folded.contains("-")) {
            Set<String> pieces = readPieces(folded.split("-+"));
            if (!pieces.isEmpty()) {
                return pieces;
            }
        }
        Set<String> readings = read(letters);
        return readings.isEmpty() ? Set.of("#" + letters) : readings;
    }

    /** Reads hyphen-separated pieces one by one; empty when one of them does not read. */
    private static Set<String> readPieces(String[] pieces) {
        Set<String> result = new TreeSet<>(Set.of(""));
        for (String piece : pieces) {
            if (piece.isEmpty()) {
                continue;
            }
            Set<String> readings = read(piece);
            if (readings.isEmpty()) {
                return Set.of();
            }
            result = join(result, readings);
        }
        return result;
    }

    /** The cross product of readings, joined with {@code .}, capped at {@link #MAX_READINGS}. */
    static Set<String> join(Set<String> left, Set<String> right) {
        Set<String> out = new TreeSet<>();
        for (String a : left) {
            for (String b : right) {
                if (out.size() == MAX_READINGS) {
                    return out;
                }
                out.add(a.isEmpty() ? b : b.isEmpty() ? a : a + "." + b);
            }
        }
        return out;
    }

    /**
     * Lower case, without diacritics (ŏ ŭ → o u), apostrophes or other marks; hyphens kept; then the spelling habits
     * that no romanisation system produces are undone: a silent {@code h} after a vowel (Ahn, Oh, Sohn, Bahk), a
     * non-rhotic {@code r} after a vowel (Park, Hur), {@code rh} for r (Rhee), {@code wh} for hw (Whang).
     */
    static String fold(String text) {
        String stripped = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        StringBuilder kept = new StringBuilder();
        stripped.codePoints().forEach(c -> {
            if (c == '-' || isLetter(c)) {
                kept.appendCodePoint(c);
            }
        });
        String s = kept.toString();
        if (!s.chars().allMatch(c -> c == '-' || (c >= 'a' && c <= 'z'))) {
            return s;
        }
        if (s.startsWith("wh")) {
            s = "hw" + s.substring(2);
        }
        s = s.replace("rh", "r");
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c == 'h' || c == 'r') && i > 0 && isVowel(s.charAt(i - 1))
                    && (i + 1 == s.length() || !isVowelOrGlide(s.charAt(i + 1)))) {
                continue; // Ahn, Oh, Sohn, Park, Hur: letters that only lengthen the vowel in English spelling
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Every way to read a run of Latin letters as Korean syllables, as joined codes; empty when there is none. */
    static Set<String> read(String letters) {
        Map<Integer, List<String>> memo = new HashMap<>();
        List<String> readings = readFrom(letters, 0, memo);
        return new TreeSet<>(readings);
    }

    /**
     * The readings of {@code s} from {@code at}: at most {@link #MAX_READINGS}, those with the fewest syllables first
     * (a romanisation reads greedily: "ae" is more likely ㅐ than ㅏ + ㅔ). Each suffix keeps its best readings, so
     * the best readings of the whole are found among them.
     */
    private static List<String> readFrom(String s, int at, Map<Integer, List<String>> memo) {
        if (at == s.length()) {
            return List.of("");
        }
        List<String> known = memo.get(at);
        if (known != null) {
            return known;
        }
        Set<String> out = new TreeSet<>(FEWEST_SYLLABLES);
        for (int o = 0; o <= LONGEST && at + o <= s.length(); o++) {
            String onset = o == 0 ? "" : LATIN_ONSETS.get(s.substring(at, at + o));
            if (onset == null) {
                continue;
            }
            for (int v = 1; v <= LONGEST && at + o + v <= s.length(); v++) {
                String vowel = LATIN_VOWELS.get(s.substring(at + o, at + o + v));
                if (vowel == null) {
                    continue;
                }
                int afterVowel = at + o + v;
                for (int c = 0; c <= 2 && afterVowel + c <= s.length(); c++) {
                    String coda = c == 0 ? "" : LATIN_CODAS.get(s.substring(afterVowel, afterVowel + c));
                    if (coda == null) {
                        continue;
                    }
                    String syllable = onset + vowel + coda;
                    for (String rest : readFrom(s, afterVowel + c, memo)) {
                        out.add(rest.isEmpty() ? syllable : syllable + "." + rest);
                    }
                }
            }
        }
        List<String> result = out.stream().limit(MAX_READINGS).toList();
        memo.put(at, result);
        return result;
    }

    private static final Comparator<String> FEWEST_SYLLABLES = Comparator
            .comparingLong((String code) -> code.chars().filter(ch -> ch == '.').count())
            .thenComparing(Comparator.naturalOrder());

    /**
     * The initial-sound rule (두음법칙) of South Korean spelling, which North Korean spelling does not apply: at the
     * start of a name, ㄹ and ㄴ before ㅣ or a y-vowel fall silent and ㄹ before another vowel is ㄴ. So 리 (Ri) and
     * 이 (Lee, Yi, I) fold together, as do 류/유, 림/임, 로/노, 련/연. Applied to the first syllable of a surname
     * and of a given name.
     */
    static String initialSoundRule(String code) {
        if (code.length() < 2 || code.startsWith("#")) {
            return code;
        }
        char onset = code.charAt(0);
        char next = code.charAt(1);
        if ((onset == 'L' || onset == 'N') && (next == 'i' || next == 'y')) {
            return code.substring(1);
        }
        if (onset == 'L' && Character.isLowerCase(next)) {
            return "N" + code.substring(1);
        }
        return code;
    }

    private static boolean isLetter(int c) {
        return Character.isLetter(c);
    }

    private static boolean isVowel(char c) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
    }

    private static boolean isVowelOrGlide(char c) {
        return isVowel(c) || c == 'y' || c == 'w';
    }
}
