package org.homeward.cases.lifecycle.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The states and parties that hold, receive or send people back, recognised from the free text partners write
 * ("DPRK", "North Korea", "북한", "조선" are one party). Unrecognised names stay themselves, compared case- and
 * space-insensitively.
 */
public enum Party {
    NORTH_KOREA,
    SOUTH_KOREA,
    RUSSIA,
    UKRAINE,
    CHINA;

    private static final Map<String, Party> NAMES = Map.ofEntries(
            Map.entry("north korea", NORTH_KOREA), Map.entry("dprk", NORTH_KOREA),
            Map.entry("democratic people's republic of korea", NORTH_KOREA), Map.entry("북한", NORTH_KOREA),
            Map.entry("조선", NORTH_KOREA), Map.entry("조선민주주의인민공화국", NORTH_KOREA), Map.entry("북조선", NORTH_KOREA),
            Map.entry("south korea", SOUTH_KOREA), Map.entry("rok", SOUTH_KOREA), Map.entry("republic of korea", SOUTH_KOREA),
            Map.entry("대한민국", SOUTH_KOREA), Map.entry("한국", SOUTH_KOREA),
            Map.entry("남한", SOUTH_KOREA),
            Map.entry("russia", RUSSIA), Map.entry("russian federation", RUSSIA), Map.entry("러시아", RUSSIA),
            Map.entry("ukraine", UKRAINE), Map.entry("우크라이나", UKRAINE),
            Map.entry("china", CHINA), Map.entry("prc", CHINA), Map.entry("people's republic of china", CHINA),
            Map.entry("중국", CHINA));

    /** The party a free-text name designates, if Homeward knows it. */
    public static Optional<Party> recognise(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(NAMES.get(normalise(name)));
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

    static String normalise(String name) {
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).trim();
        return folded.replaceAll("^the\\s+", "").replaceAll("[.\\s]+", " ").replace("’", "'");
    }
}
