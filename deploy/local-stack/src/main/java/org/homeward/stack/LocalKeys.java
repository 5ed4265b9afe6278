package org.homeward.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

/**
 * The encryption keys of a local system or test run: one AES-256 key for personal data at rest ({@code local-1}), one
 * HMAC key for search keys and one AES-256 key for the case-events key ring ({@code local-events-1}, which wraps the
 * case keys on {@code case-keys}), generated the first time into {@code crypto.properties} in a folder and kept there,
 * so data written on one start opens on the next (a folder from before the case-events ring gets it added). Production
 * takes them from Kubernetes Secrets instead.
 */
public final class LocalKeys {

    private final Properties properties;

    private LocalKeys(Properties properties) {
        this.properties = properties;
    }

    public static synchronized LocalKeys inFolder(Path folder) {
        Path file = folder.resolve("crypto.properties");
        try {
            Files.createDirectories(folder);
            Properties properties = new Properties();
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(in);
                }
            }
            if (!properties.containsKey(EVENT_KEYS)) {
                properties.putIfAbsent("homeward.crypto.keys", "local-1:" + random(32));
                properties.putIfAbsent("homeward.crypto.active-key", "local-1");
                properties.putIfAbsent("homeward.crypto.index-key", random(32));
                properties.setProperty(EVENT_KEYS, "local-events-1:" + random(32));
                properties.setProperty(EVENT_ACTIVE_KEY, "local-events-1");
                Path partial = folder.resolve("crypto.properties.partial");
                Files.deleteIfExists(partial);
                Files.createFile(partial);
                try {
                    Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // best effort on file systems without POSIX permissions
                }
                try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                    properties.store(out, "Homeward local encryption keys: losing them loses the local data");
                }
                Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            }
            return new LocalKeys(properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration a service reads its keys from. */
    public Map<String, String> serviceConfig() {
        return Map.of("homeward.crypto.keys", properties.getProperty("homeward.crypto.keys"),
                "homeward.crypto.active-key", properties.getProperty("homeward.crypto.active-key"),
                "homeward.crypto.index-key", properties.getProperty("homeward.crypto.index-key"),
                EVENT_KEYS, properties.getProperty(EVENT_KEYS),
                EVENT_ACTIVE_KEY, properties.getProperty(EVENT_ACTIVE_KEY));
    }

    private static final String EVENT_KEYS = "homeward.crypto.event-keys";
    private static final String EVENT_ACTIVE_KEY = "homeward.crypto.event-active-key";

    private static String random(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
