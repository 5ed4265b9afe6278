package org.homeward.stack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where the local system's e-mail goes: a real SMTP server (GreenMail) on loopback that accepts mail for any address
 * and keeps it. Every message is also written to a folder as an {@code .eml} file (open it with any mail program or
 * read it as text), so that "where did the notification e-mail go?" has a visible answer.
 */
public final class MailSink implements AutoCloseable {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final GreenMail server;
    private final Path folder;
    private final Thread writer;
    private volatile boolean running = true;

    private MailSink(GreenMail server, Path folder) {
        this.server = server;
        this.folder = folder;
        this.writer = new Thread(this::writeNewMessages, "mail-sink-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Starts SMTP on {@code 127.0.0.1:port}; messages are written to {@code folder}. */
    public static MailSink start(int port, Path folder) throws IOException {
        Files.createDirectories(folder);
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return new MailSink(server, folder);
    }

    public int port() {
        return server.getSmtp().getPort();
    }

    public Path folder() {
        return folder;
    }

    /** Messages received so far (for tests and benchmarks). */
    public int received() {
        return server.getReceivedMessages().length;
    }

    private void writeNewMessages() {
        int written = 0;
        while (running) {
            MimeMessage[] messages = server.getReceivedMessages();
            for (; written < messages.length; written++) {
                Path file = folder.resolve(LocalDateTime.now().format(FILE_TIME) + "-" + (written + 1) + ".eml");
                try (OutputStream out = Files.newOutputStream(file)) {
                    messages[written].writeTo(out);
                } catch (Exception e) {
                    // a message that cannot be written stays readable from the server; keep going
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        writer.interrupt();
        server.stop();
    }
}
