package org.homeward.notifications.support;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads a mailbox of the test SMTP server over IMAP, as a mail client would. */
public final class Mailboxes {

    /** One received message: who it was for, its subject, its text, the notification header and its Message-ID. */
    public record Mail(List<String> to, String subject, String text, String notificationId, String messageId) {
    }

    private Mailboxes() {
    }

    /** Messages for {@code address} (GreenMail's auto-created user: login and password are the address). */
    public static List<Mail> read(String address) throws MessagingException, IOException {
        GreenMailResource.ensureStarted();
        Properties properties = new Properties();
        properties.put("mail.imap.host", "127.0.0.1");
        properties.put("mail.imap.port", System.getProperty(GreenMailResource.IMAP));
        Session session = Session.getInstance(properties);
        List<Mail> mails = new ArrayList<>();
        try (Store store = session.getStore("imap")) {
            try {
                store.connect(address, address);
            } catch (jakarta.mail.AuthenticationFailedException noMailYet) {
                return mails; // the user exists once the first message arrived
            }
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            for (Message message : inbox.getMessages()) {
                List<String> to = new ArrayList<>();
                for (var recipient : message.getAllRecipients()) {
                    to.add(recipient.toString());
                }
                String[] header = message.getHeader("X-Homeward-Notification");
                String[] messageId = message.getHeader("Message-ID");
                mails.add(new Mail(to, message.getSubject(), message.getContent().toString().replace("\r\n", "\n"),
                        header == null ? null : header[0], messageId == null ? null : messageId[0]));
            }
            inbox.close(false);
        }
        return mails;
    }
}
