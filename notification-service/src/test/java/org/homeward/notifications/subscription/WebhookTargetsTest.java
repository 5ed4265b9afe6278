package org.homeward.notifications.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;
import org.homeward.notifications.subscription.domain.WebhookTargets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Server-side request forgery: webhooks go to public https URLs only (and loopback only where allowed). */
class WebhookTargetsTest {

    private final WebhookTargets production = new WebhookTargets(false);
    private final WebhookTargets local = new WebhookTargets(true);

    @ParameterizedTest
    @ValueSource(strings = {"https://alerts.example.org/homeward", "https://alerts.example.org:8443/h?x=1",
            "https://93.184.216.34/hook", "https://[2606:2800:220:1:248:1893:25c8:1946]/hook",
            "https://partner.org./hook"})
    void publicHttpsTargetsAreAccepted(String url) {
        assertEquals(Optional.empty(), production.refuse(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://alerts.example.org/homeward", "ftp://alerts.example.org/", "/relative",
            "https://user:pw@alerts.example.org/", "https://alerts.example.org/#frag", "https://localhost/",
            "https://api.localhost/", "https://127.0.0.1/", "https://127.1/", "https://2130706433/",
            "https://0x7f.0.0.1/", "https://10.0.0.8/", "https://172.16.5.4/", "https://192.168.1.1/",
            "https://169.254.169.254/latest/meta-data/", "https://100.64.0.1/", "https://0.0.0.0/",
            "https://[::1]/", "https://[fd00::1]/", "https://[fe80::1]/", "https://[::ffff:10.0.0.1]/",
            "https://metadata/", "https://printer.local/", "https://db.internal/", "https://router.home.arpa/",
            "https://224.0.0.1/", "https://under_score.example.org/", "not a url", "https:///nohost"})
    void privateLoopbackPlainHttpAndMalformedTargetsAreRefused(String url) {
        assertTrue(production.refuse(url).isPresent(), url);
    }

    @Test
    void overLongTargetsAreRefused() {
        assertTrue(production.refuse("https://alerts.example.org/" + "a".repeat(3000)).isPresent());
    }

    @Test
    void loopbackIsAllowedOnlyWhenConfiguredAndPrivateRangesStayRefused() {
        assertEquals(Optional.empty(), local.refuse("http://127.0.0.1:8080/hook"));
        assertEquals(Optional.empty(), local.refuse("http://localhost:8080/hook"));
        assertEquals(Optional.empty(), local.refuse("http://[::1]:8080/hook"));
        assertTrue(local.refuse("http://10.0.0.8/hook").isPresent());
        assertTrue(local.refuse("http://alerts.example.org/hook").isPresent(), "plain http only on loopback");
        assertTrue(production.refuse("http://127.0.0.1:8080/hook").isPresent());
    }

    @Test
    void resolvedAddressesAreCheckedBeforeEachAttempt() {
        assertTrue(production.checkResolved(URI.create("https://localhost/hook")).isPresent(),
                "a name that resolves to loopback is refused at send time");
        assertEquals(Optional.empty(), local.checkResolved(URI.create("http://127.0.0.1:9/hook")));
    }

    @Test
    void specialPurposeRangesAreNotPublic() throws Exception {
        for (String address : new String[] {"10.1.2.3", "172.31.255.255", "192.168.0.1", "127.0.0.1", "169.254.1.1",
                "100.100.100.100", "192.0.2.5", "198.51.100.7", "203.0.113.9", "198.18.0.1", "240.0.0.1",
                "255.255.255.255", "::1", "fc00::1", "fe80::1", "2001:db8::1", "::ffff:192.168.0.1", "64:ff9b::a00:1"}) {
            assertFalse(WebhookTargets.isPublic(InetAddress.getByName(address)), address);
        }
        for (String address : new String[] {"93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"}) {
            assertTrue(WebhookTargets.isPublic(InetAddress.getByName(address)), address);
        }
    }
}
