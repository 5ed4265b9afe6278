package org.homeward.events.validation;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule for text that Homeward accepts, used by every service: what {@link CleanText} checks on the event
 * contract, what the services check on query parameters and on their own bodies, and how names are normalised before
 * they are keyed or stored.
 *
 * <p>Refused anywhere: control characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F), noncharacters
 * (U+FDD0–U+FDEF and the last two code points of every plane) and lone surrogates (a JSON {@code "\ud800"}). In free
 * text (notes, letter summaries, reasons) tab, CR and LF are allowed. Unassigned code points are not refused: the JDK
 * knows one version of Unicode, and a newer character typed on a newer device must not be refused for that.
 */
public final class Texts {

    private Texts() {
    }

    /** Whether {@code value} is clean text of a single-line field (a name, a place, a party, a query). */
    public static boolean isClean(String value) {
        return refusal(value, false).isEmpty();
    }

    /**
     * Why {@code value} is not clean text, naming the first offending code point and its position (never the text);
     * empty when it is clean or null.
     */
    public static Optional<String> refusal(String value, boolean freeText) {
        if (value == null) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            int length = Character.charCount(c);
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                return Optional.of("must not contain a lone surrogate (at character " + i + ")");
            }
            if (Character.getType(c) == Character.CONTROL && !(freeText && (c == '\t' || c == '\n' || c == '\r'))) {
                return Optional.of("must not contain control characters (" + codePoint(c) + " at character " + i + ")"
                        + (freeText ? "; tab and line breaks are allowed" : "; this field is a single line"));
            }
            if (isNoncharacter(c)) {
                return Optional.of("must not contain noncharacters (" + codePoint(c) + " at character " + i + ")");
            }
            i += length;
        }
        return Optional.empty();
    }

    /** A name as it is keyed, stored and compared: Unicode NFC, so that Hangul typed as jamo is the same name. */
    public static String name(String value) {
        return value == null || Normalizer.isNormalized(value, Normalizer.Form.NFC) ? value
                : Normalizer.normalize(value, Normalizer.Form.NFC);
    }

    static boolean isNoncharacter(int c) {
        return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
    }

    private static String codePoint(int c) {
        return String.format(Locale.ROOT, "U+%04X", c);
    }
}
