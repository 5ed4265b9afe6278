package org.homeward.cases.lifecycle.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The states and parties that hold, receive or send people back, recognised from the free text partners write
 * ("DPRK", "Korea, North", "Pyongyang", "북한으로", "КНДР" are one party). The names live in the gazetteer
 * {@value #GAZETTEER}, reviewed like code: a spelling it lacks reads as an unknown, safe place, and hides a
 * forced-repatriation risk. Unrecognised names stay themselves, compared case- and space-insensitively.
 */
public enum Party {
    NORTH_KOREA,
    SOUTH_KOREA,
    RUSSIA,
    UKRAINE,
    CHINA,
    MONGOLIA,
    LAOS,
    THAILAND,
    VIETNAM,
    CAMBODIA,
    JAPAN,
    UNITED_STATES,
    /** Kept apart so that "Republic of China" and "Taipei" do not read as China. */
    TAIWAN;

    /** The gazetteer on the classpath: {@code PARTY<TAB>code|name<TAB>name} a line. */
    static final String GAZETTEER = "/gazetteer/parties.tsv";

    /**
     * Every party the text designates: the one whose name is the whole text (in any word order or spacing), else
     * each whose name appears in it as a run of whole words ("the North Korean embassy in Moscow" is two). Empty when
     * the gazetteer knows none, and for null or blank text.
     */
    public static Set<Party> named(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        return Gazetteer.INSTANCE.named(text);
    }

    /** The party a free-text name designates, when it designates exactly one. */
    public static Optional<Party> recognise(String text) {
        Set<Party> parties = named(text);
        return parties.size() == 1 ? Optional.of(parties.iterator().next()) : Optional.empty();
    }

    /** Two party names designate the same party: both recognised as one, or equal once normalised. */
    public static boolean same(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        Optional<Party> pa = recognise(a);
        Optional<Party> pb = recognise(b);
        if (pa.isPresent() || pb.isPresent()) {
            return pa.equals(pb);
        }
        return normalise(a).equals(normalise(b));
    }

    /** Apostrophes and look-alikes; before an "s" ending a word they mark a possessive, which is dropped. */
    private static final String APOSTROPHES = "'\u2018\u2019\u02BB\u02BC\u0060\u00B4\u2032";
    private static final Pattern POSSESSIVE = Pattern.compile("[" + APOSTROPHES + "]s(?![\\p{L}\\p{N}\\p{M}])");

    /**
     * The form names are compared in: NFKC, lower case, ё as е, Latin accents dropped ("Hà Nội", "Sinŭiju"), a
     * possessive 's dropped, anything but letters and digits as one space, and no leading "the".
     */
    static String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replace('ё', 'е');
        s = POSSESSIVE.matcher(s).replaceAll("");
        s = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(s.length());
        int base = ' ';
        boolean space = true;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (isMark(c)) {
                // Accents on Latin letters are spelling noise; marks of other scripts (Cyrillic й) are letters.
                if (Character.isLetter(base) && Character.UnicodeScript.of(base) != Character.UnicodeScript.LATIN) {
                    out.appendCodePoint(c);
                }
                continue;
            }
            base = c;
            if (Character.isLetterOrDigit(c) && APOSTROPHES.indexOf(c) < 0) {
                out.appendCodePoint(c);
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        String folded = Normalizer.normalize(out, Normalizer.Form.NFC).strip();
        return folded.startsWith("the ") ? folded.substring(4) : folded;
    }

    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /**
     * The gazetteer, loaded once with every key precomputed: the whole normalised text, its words sorted (word order
     * free) and joined without spaces (spacing free). A problem in the file stops the class from loading: a silently
     * shorter gazetteer would silently miss alerts.
     */
    static final class Gazetteer {
        static final Gazetteer INSTANCE = load();

        /**
         * Korean particles and suffixes that attach to a name ("북한으로" to North Korea, "평양행" bound for
         * Pyongyang, "러시아군에게" to the Russian army), longest first; up to two are taken off a word.
         */
        private static final List<String> KOREAN_SUFFIXES = List.of(
                "으로부터", "에서부터", "로부터", "으로의", "에서의", "에게서", "까지의", "으로는", "에서는",
                "으로", "에서", "에게", "한테", "까지", "부터", "에는", "로는", "에도", "당국", "정부",
                "의", "에", "로", "은", "는", "이", "가", "을", "를", "와", "과", "도", "만", "측", "쪽", "군", "인", "행");
        /** A word run written without spaces matches a name only from this length: "us" is a word, not "U.S.". */
        private static final int MIN_UNSPACED = 4;

        /** Names and codes by their normalised form, matched against the whole text. */
        private final Map<String, Party> whole;
        /** Names by their words sorted: "Korea, North" is "North Korea". */
        private final Map<String, Party> reordered;
        /** Names by their words joined: "NorthKorea", "조선 민주주의 인민 공화국". */
        private final Map<String, Party> unspaced;
        /** Names (not codes) by their normalised form, matched against runs of words in a longer text. */
        private final Map<String, Party> runs;
        private final int longestRun;
        private final int longestUnspaced;
        /** What is wrong with the file, one line each; empty for a good file. */
        final List<String> problems;

        private Gazetteer(Map<String, Party> whole, Map<String, Party> reordered, Map<String, Party> unspaced,
                Map<String, Party> runs, int longestRun, int longestUnspaced, List<String> problems) {
            this.whole = Map.copyOf(whole);
            this.reordered = Map.copyOf(reordered);
            this.unspaced = Map.copyOf(unspaced);
            this.runs = Map.copyOf(runs);
            this.longestRun = longestRun;
            this.longestUnspaced = longestUnspaced;
            this.problems = List.copyOf(problems);
        }

        private static Gazetteer load() {
            InputStream in = Party.class.getResourceAsStream(GAZETTEER);
            if (in == null) {
                throw new IllegalStateException("the gazetteer " + GAZETTEER + " is not on the classpath");
            }
            List<String> lines;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                lines = reader.lines().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the gazetteer " + GAZETTEER, e);
            }
            Gazetteer gazetteer = parse(lines);
            if (!gazetteer.problems.isEmpty()) {
                throw new IllegalStateException("the gazetteer " + GAZETTEER + " is wrong: "
                        + String.join("; ", gazetteer.problems));
            }
            return gazetteer;
        }

        /** Reads gazetteer lines, collecting malformed lines and names that designate two parties as problems. */
        static Gazetteer parse(List<String> lines) {
            Map<String, Party> whole = new HashMap<>();
            Map<String, Party> reordered = new HashMap<>();
            Map<String, Party> unspaced = new HashMap<>();
            Map<String, Party> runs = new HashMap<>();
            // Every key of every kind, to find a spelling that two parties claim in any of its forms.
            Map<String, Party> claimed = new HashMap<>();
            Map<String, Integer> claimedOn = new HashMap<>();
            List<String> problems = new ArrayList<>();
            int longestRun = 0;
            int longestUnspaced = 0;
            for (int n = 1; n <= lines.size(); n++) {
                String line = lines.get(n - 1);
                if (n == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != 3) {
                    problems.add("line " + n + ": " + fields.length + " tab-separated fields, not 3");
                    continue;
                }
                Party party;
                try {
                    party = Party.valueOf(fields[0].strip());
                } catch (IllegalArgumentException e) {
                    problems.add("line " + n + ": no party " + fields[0].strip());
                    continue;
                }
                String kind = fields[1].strip();
                String key = normalise(fields[2]);
                if (!kind.equals("code") && !kind.equals("name")) {
                    problems.add("line " + n + ": kind " + kind + " is neither code nor name");
                    continue;
                }
                if (key.isEmpty()) {
                    problems.add("line " + n + ": an empty name");
                    continue;
                }
                if (kind.equals("code") && !key.matches("[a-z]{2,3}|[0-9]{3}")) {
                    problems.add("line " + n + ": " + fields[2] + " is not an ISO 3166-1 code");
                    continue;
                }
                if (whole.get(key) == party) {
                    problems.add("line " + n + ": " + fields[2] + " is listed already (as " + key + ")");
                    continue;
                }
                List<String> words = List.of(key.split(" "));
                List<String> keys = new ArrayList<>(List.of(key));
                whole.putIfAbsent(key, party);
                if (kind.equals("name")) {
                    String sorted = sorted(words);
                    String joined = String.join("", words);
                    reordered.putIfAbsent(sorted, party);
                    unspaced.putIfAbsent(joined, party);
                    runs.putIfAbsent(key, party);
                    keys.add(sorted);
                    keys.add(joined);
                    longestRun = Math.max(longestRun, words.size());
                    longestUnspaced = Math.max(longestUnspaced, joined.length());
                }
                String conflict = null;
                for (String k : keys) {
                    Party other = claimed.putIfAbsent(k, party);
                    if (other != null && other != party && conflict == null) {
                        conflict = "line " + n + ": " + fields[2] + " (as " + k + ") names " + party
                                + " but line " + claimedOn.get(k) + " names " + other;
                    }
                    claimedOn.putIfAbsent(k, n);
                }
                if (conflict != null) {
                    problems.add(conflict);
                }
            }
            return new Gazetteer(whole, reordered, unspaced, runs, longestRun, longestUnspaced, problems);
        }

        Set<Party> named(String text) {
            String key = normalise(text);
            if (key.isEmpty()) {
                return Set.of();
            }
            List<String> words = List.of(key.split(" "));
            Party party = whole.get(key);
            if (party == null) {
                party = reordered.get(sorted(words));
            }
            if (party == null) {
                party = unspaced.get(String.join("", words));
            }
            if (party != null) {
                return Set.of(party);
            }
            return inRuns(words);
        }

        /**
         * The parties named by runs of words, leftmost and longest first: "Democratic People's Republic of Korea" is
         * North Korea only, not also "Republic of Korea".
         */
        private Set<Party> inRuns(List<String> words) {
            Set<Party> found = EnumSet.noneOf(Party.class);
            int start = 0;
            while (start < words.size()) {
                Party longest = null;
                int end = start;
                StringBuilder spaced = new StringBuilder();
                StringBuilder joined = new StringBuilder();
                boolean allHangul = true;
                for (int last = start; last < words.size(); last++) {
                    String word = words.get(last);
                    int length = last - start + 1;
                    allHangul &= isHangul(word);
                    // Past the longest name only spaced-apart Korean words can still match, up to the longest name.
                    if (length > longestRun && (!allHangul || joined.length() > longestUnspaced)) {
                        break;
                    }
                    Party party = run(spaced, joined, word, length, allHangul);
                    if (party != null) {
                        longest = party;
                        end = last;
                    }
                    if (length > 1) {
                        spaced.append(' ');
                    }
                    spaced.append(word);
                    joined.append(word);
                }
                if (longest != null) {
                    found.add(longest);
                    start = end + 1;
                } else {
                    start++;
                }
            }
            return Collections.unmodifiableSet(found);
        }

        /** The party of the run (the words before, then this last word, bare or without Korean suffixes), if any. */
        private Party run(CharSequence spacedBefore, CharSequence joinedBefore, String word, int length,
                boolean allHangul) {
            for (String last : isHangul(word) ? withoutKoreanSuffixes(word) : List.of(word)) {
                if (length <= longestRun) {
                    Party party = runs.get(length == 1 ? last : spacedBefore + " " + last);
                    if (party != null) {
                        return party;
                    }
                }
                // Unspaced: one word that is a name written solid ("NorthKorea"), or Korean words spaced apart.
                String joined = joinedBefore + last;
                if ((length == 1 && joined.length() >= MIN_UNSPACED) || (length > 1 && allHangul)) {
                    Party party = unspaced.get(joined);
                    if (party != null) {
                        return party;
                    }
                }
            }
            return null;
        }

        private static List<String> withoutKoreanSuffixes(String word) {
            List<String> forms = new ArrayList<>(List.of(word));
            for (int round = 0; round < 2; round++) {
                for (String form : List.copyOf(forms)) {
                    for (String suffix : KOREAN_SUFFIXES) {
                        if (form.length() > suffix.length() && form.endsWith(suffix)) {
                            String stem = form.substring(0, form.length() - suffix.length());
                            if (!forms.contains(stem)) {
                                forms.add(stem);
                            }
                        }
                    }
                }
            }
            return forms;
        }

        private static boolean isHangul(String word) {
            return !word.isEmpty() && word.codePoints()
                    .allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL);
        }

        private static String sorted(List<String> words) {
            List<String> copy = new ArrayList<>(words);
            Collections.sort(copy);
            return String.join(" ", copy);
        }
    }
}
