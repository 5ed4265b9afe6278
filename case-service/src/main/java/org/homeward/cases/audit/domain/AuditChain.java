package org.homeward.cases.audit.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The hash chain of the audit log (issue 15, point 4): each record carries the SHA-256 of the record before it and its
 * own, over that hash and its fields. The same function is {@code audit_log_link} in the database
 * (V106__audit_chain.sql), which chained the records written before the chain existed; {@code AuditChainTest} checks
 * that both agree.
 *
 * <p>A record's fields are encoded as {@code <octets>:<value>|} each (UTF-8; the time as microseconds since the
 * epoch, PostgreSQL's precision), so that no two different records encode alike.
 */
public final class AuditChain {

    /** The previous hash of the first record. */
    private static final byte[] GENESIS = new byte[32];

    private AuditChain() {
    }

    /** What the first record links to: 32 zero bytes. */
    public static byte[] genesis() {
        return GENESIS.clone();
    }

    /** A record's time as the database keeps it (microseconds): what is hashed must be what is stored. */
    public static Instant stored(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    /** The hash of a record that follows the record whose hash is {@code previous}. */
    public static byte[] link(byte[] previous, Instant readAt, String subject, String organisation, UUID caseId,
            String endpoint, String outcome) {
        long micros = Math.addExact(Math.multiplyExact(readAt.getEpochSecond(), 1_000_000L), readAt.getNano() / 1_000);
        StringBuilder fields = new StringBuilder();
        for (String field : new String[] {Long.toString(micros), subject, organisation, caseId.toString(), endpoint,
                outcome}) {
            fields.append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field).append('|');
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(previous);
            return sha256.digest(fields.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public static String hex(byte[] hash) {
        return hash == null ? null : HexFormat.of().formatHex(hash);
    }
}
