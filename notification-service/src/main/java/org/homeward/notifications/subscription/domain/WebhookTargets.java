package org.homeward.notifications.subscription.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where webhooks may go: the service's defence against server-side request forgery (a subscription that makes
 * Homeward call into its own network).
 *
 * <p>A target is an absolute {@code https} URL without user info or fragment, at most {@value #MAX_LENGTH} characters,
 * whose host is a public DNS name or a public IP address. Names that only mean something inside a network
 * ({@code localhost}, single labels, {@code .local}, {@code .internal}, {@code .home.arpa}) and addresses in loopback,
 * private, link-local, carrier-grade NAT, documentation, multicast and reserved ranges are refused when the
 * subscription is created. Because a public name can later resolve to a private address (DNS rebinding), the sender
 * checks every resolved address again before each attempt ({@link #checkResolved}) and never follows redirects.
 *
 * <p>{@code allowLoopback} (configuration {@code homeward.webhooks.allow-loopback}, off in production) additionally
 * admits {@code http} or {@code https} targets on the loopback interface ({@code localhost}, {@code 127.0.0.0/8},
 * {@code ::1}), for the local stack, tests and benchmarks. Private ranges stay refused even then.
 */
public final class WebhookTargets {

    public static final int MAX_LENGTH = 2048;
    private static final Pattern NUMERIC_HOST = Pattern.compile("^[0-9a-fx.]+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOTTED_QUAD = Pattern.compile(
            "^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$");
    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");

    private final boolean allowLoopback;

    public WebhookTargets(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    /** Why {@code url} may not be a webhook target, or empty when it may. Resolves no names. */
    public Optional<String> refuse(String url) {
        if (url.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("must be an absolute https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getRawAuthority() == null || uri.getHost() == null
                || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("must be an absolute https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry user info: the signature is what authenticates Homeward");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = isLoopbackHost(host);
        if (loopback) {
            return allowLoopback ? Optional.empty()
                    : Optional.of("must not point at this machine (loopback targets are refused)");
        }
        if (!scheme.equals("https")) {
            return Optional.of("must use https");
        }
        Optional<InetAddress> literal = literal(host);
        if (literal.isPresent()) {
            return isPublic(literal.get()) ? Optional.empty()
                    : Optional.of("must not point at a private, loopback, link-local or reserved address");
        }
        if (NUMERIC_HOST.matcher(host).matches()) {
            // 2130706433, 0x7f.1, 127.1: forms a resolver reads as an address.
            return Optional.of("must be a DNS name or a dotted IPv4 / bracketed IPv6 address");
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (!name.contains(".")) {
            return Optional.of("must be a fully qualified public DNS name");
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.of("must be a valid DNS name");
            }
        }
        if (name.endsWith(".local") || name.endsWith(".internal") || name.endsWith(".home.arpa")
                || name.endsWith(".lan") || name.endsWith(".intranet") || name.endsWith(".corp")) {
            return Optional.of("must be a public DNS name, not a name of a private network");
        }
        return Optional.empty();
    }

    /**
     * Before each attempt: why the target's resolved addresses may not be called, or empty when every one may. A name
     * that resolves to any non-public address is refused (unless it is loopback and loopback is allowed).
     */
    public Optional<String> checkResolved(URI target) {
        String host = target.getHost();
        if (host == null) {
            return Optional.of("target has no host");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(stripBrackets(host));
        } catch (UnknownHostException e) {
            return Optional.empty(); // the HTTP client reports it as a connection failure, which is retried
        }
        for (InetAddress address : addresses) {
            if (address.isLoopbackAddress() && allowLoopback) {
                continue;
            }
            if (!isPublic(address)) {
                return Optional.of("target resolves to a non-public address");
            }
        }
        return Optional.empty();
    }

    static boolean isLoopbackHost(String host) {
        if (host.equals("localhost") || host.endsWith(".localhost") || host.equals("localhost.")) {
            return true;
        }
        return literal(host).map(InetAddress::isLoopbackAddress).orElse(false);
    }

    /** The address a host names literally (dotted IPv4 or bracketed IPv6), without any DNS look-up. */
    static Optional<InetAddress> literal(String host) {
        String h = stripBrackets(host);
        boolean v6 = host.startsWith("[") && host.endsWith("]");
        if (!v6 && !DOTTED_QUAD.matcher(h).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(h)); // a literal: no look-up happens
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** True for an address on the public internet; false for every special-purpose range (RFC 6890 and friends). */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return false; // 2001:db8::/32 documentation
            }
            boolean zeroPrefix = true;
            for (int i = 0; i < 10; i++) {
                zeroPrefix &= b[i] == 0;
            }
            if (zeroPrefix && (((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) || (b[10] == 0 && b[11] == 0))) {
                // ::ffff:a.b.c.d (IPv4-mapped) and ::a.b.c.d (IPv4-compatible, also :: and ::1)
                return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]}); // 64:ff9b::/96 NAT64
            }
            return true;
        }
        return false;
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return !(a0 == 0 || a0 == 10 || a0 == 127 || a0 >= 224
                || (a0 == 100 && a1 >= 64 && a1 <= 127)
                || (a0 == 169 && a1 == 254)
                || (a0 == 172 && a1 >= 16 && a1 <= 31)
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2))
                || (a0 == 192 && a1 == 88 && a2 == 99)
                || (a0 == 192 && a1 == 168)
                || (a0 == 198 && (a1 == 18 || a1 == 19))
                || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113));
    }
}
