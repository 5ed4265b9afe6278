package org.homeward.console.web;

import java.util.List;

/**
 * What the frame of every page shows: who is signed in and where, the navigation, the alert badge, the language and
 * its switch, a notice. {@link #toString()} leaves out the person's name.
 *
 * @param back       the path the language switch returns to
 * @param section    {@code cases}, {@code alerts} or empty, for the navigation's current page
 * @param alertCount unacknowledged alerts (advocates), -1 when unknown
 */
public record Chrome(boolean signedIn, String user, String organisation, List<String> roles, boolean advocate,
        long alertCount, String lang, String back, String section, String notice) {

    public Chrome {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public boolean alertCountKnown() {
        return alertCount >= 0;
    }

    public boolean korean() {
        return "ko".equals(lang);
    }

    public boolean in(String name) {
        return name.equals(section);
    }

    public boolean hasNotice() {
        return notice != null && !notice.isEmpty();
    }

    @Override
    public String toString() {
        return "Chrome[organisation=" + organisation + ", section=" + section + ", lang=" + lang + "]";
    }
}
