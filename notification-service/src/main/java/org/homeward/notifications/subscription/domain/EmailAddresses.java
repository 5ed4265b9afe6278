package org.homeward.notifications.subscription.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an e-mail target may be: one plain address ({@code local@domain.tld}), no display name, no comments, no line
 * breaks (so nothing can be smuggled into mail headers), at most 254 characters with a local part of at most 64.
 */
public final class EmailAddresses {

    static final int MAX_LENGTH = 254;
    private static final Pattern ADDRESS = Pattern.compile(
            "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$");

    private EmailAddresses() {
    }

    /** Why {@code address} is not a usable e-mail target, or empty when it is. */
    public static Optional<String> refuse(String address) {
        if (address.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        int at = address.lastIndexOf('@');
        if (!ADDRESS.matcher(address).matches() || at > 64) {
            return Optional.of("must be one e-mail address such as advocate@example.org");
        }
        return Optional.empty();
    }
}
