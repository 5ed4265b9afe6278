package org.homeward.notifications.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.homeward.stack.Ports;

/**
 * A real SMTP server (GreenMail) for the e-mail channel, started once per test JVM on free loopback ports. Tests read
 * what arrived over IMAP ({@link Mailboxes}), so they need not share this class's instance across class loaders.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    static final String SMTP = "homeward.test.smtp-port";
    static final String IMAP = "homeward.test.imap-port";

    @Override
    public Map<String, String> start() {
        ensureStarted();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", System.getProperty(SMTP));
    }

    @Override
    public void stop() {
        // lives as long as the test JVM
    }

    static synchronized void ensureStarted() {
        if (System.getProperty(SMTP) != null) {
            return;
        }
        int smtp = Ports.freePort();
        int imap = Ports.freePort();
        GreenMail mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop, "greenmail-stop"));
        System.setProperty(SMTP, Integer.toString(smtp));
        System.setProperty(IMAP, Integer.toString(imap));
    }
}
