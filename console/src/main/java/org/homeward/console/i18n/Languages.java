package org.homeward.console.i18n;

import java.util.List;
import java.util.Locale;

/**
 * The console's languages and how one is chosen: the {@code homeward_lang} cookie set by the switch, else the
 * browser's Accept-Language, else English.
 */
public final class Languages {

    public static final String COOKIE = "homeward_lang";
    public static final String ENGLISH = "en";
    public static final String KOREAN = "ko";
    public static final List<String> ALL = List.of(ENGLISH, KOREAN);

    private Languages() {
    }

    public static String resolve(String cookie, String acceptLanguage) {
        if (cookie != null && ALL.contains(cookie)) {
            return cookie;
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
                String found = Locale.lookupTag(ranges, ALL);
                if (found != null) {
                    return found;
                }
            } catch (IllegalArgumentException malformed) {
                // a malformed header counts as none
            }
        }
        return ENGLISH;
    }

    /** {@code lang} if it is one of the console's languages, else null. */
    public static String known(String lang) {
        return lang != null && ALL.contains(lang) ? lang : null;
    }
}
