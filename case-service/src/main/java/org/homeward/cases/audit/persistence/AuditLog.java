package org.homeward.cases.audit.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.homeward.cases.audit.domain.AuditChain;
import org.homeward.cases.audit.domain.Reader;
import org.homeward.cases.audit.domain.Verification;
import org.homeward.support.paging.PageRequest;

/**
 * The append-only table {@code audit_log}: one row per case whose data a reader was shown, and one per case a reader
 * named but was refused (a foreign or an unknown case: the caller gets the same 404 for both). Shown reads are inserted
 * in the transaction of the read they record, so that a read whose record could not be written is not answered; the
 * database refuses UPDATE, DELETE and TRUNCATE (V4__audit_log.sql). Every row carries the hash of the row before it
 * and its own ({@link AuditChain}, V106__audit_chain.sql); {@link #verify} checks the chain.
 */
@ApplicationScoped
public class AuditLog {

    /** The advisory lock every writer holds from reading the chain's last hash to its commit (any constant). */
    static final long CHAIN_LOCK = 0x486f6d6541756469L;
    /** Records read per round trip by {@link #verify}. */
    static final int VERIFY_BATCH = 5_000;
    public static final String SHOWN = "SHOWN";
    public static final String DENIED = "DENIED";

    /** One record as stored. */
    public record Entry(long id, Instant readAt, String subject, String organisation, UUID caseId, String endpoint,
            String outcome) {
    }

    /** A page of records and how many there are across all pages. */
    public record Entries(List<Entry> items, long total) {
    }

    @Inject
    EntityManager em;

    Clock clock = Clock.systemUTC();

    /** Records that {@code reader} was shown these cases (each once); must run in the transaction of the read. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Reader reader, Collection<UUID> caseIds) {
        append(reader, caseIds, SHOWN);
    }

    /**
     * Records that {@code reader} named a case it may not see or that does not exist, in a transaction of its own: the
     * read answers 404 and rolls back, the record stays. It says which case id was named, never which of the two it
     * was to the caller (the answer is the same).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordDenied(Reader reader, UUID caseId) {
        append(reader, List.of(caseId), DENIED);
    }

    /**
     * Appends a record per case to the chain: under the chain's lock (held to the commit, so that no other writer,
     * thread or replica, reads the same last hash), each record links to the one before it.
     */
    private void append(Reader reader, Collection<UUID> caseIds, String outcome) {
        if (caseIds.isEmpty()) {
            return;
        }
        List<UUID> ids = List.copyOf(new LinkedHashSet<>(caseIds));
        em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, CHAIN_LOCK).getSingleResult();
        @SuppressWarnings("unchecked")
        List<byte[]> last = em.createNativeQuery("select hash from audit_log order by id desc limit 1")
                .getResultList();
        byte[] previous = last.isEmpty() ? AuditChain.genesis() : last.get(0);
        Instant readAt = AuditChain.stored(clock.instant());
        StringBuilder sql = new StringBuilder("insert into audit_log (read_at, subject, organisation, case_id,"
                + " endpoint, outcome, previous_hash, hash) values ");
        List<Object> params = new ArrayList<>(List.of(readAt, reader.subject(), reader.organisation(),
                reader.endpoint(), outcome));
        for (int i = 0; i < ids.size(); i++) {
            // VALUES rows take their identity in order, so the ids follow the chain.
            int p = params.size();
            sql.append(i == 0 ? "" : ", ").append("(?1, ?2, ?3, ?").append(p + 1).append(", ?4, ?5, ?")
                    .append(p + 2).append(", ?").append(p + 3).append(')');
            byte[] hash = AuditChain.link(previous, readAt, reader.subject(), reader.organisation(), ids.get(i),
                    reader.endpoint(), outcome);
            params.add(ids.get(i));
            params.add(previous);
            params.add(hash);
            previous = hash;
        }
        Query insert = em.createNativeQuery(sql.toString());
        for (int i = 0; i < params.size(); i++) {
            insert.setParameter(i + 1, params.get(i));
        }
        insert.executeUpdate();
    }

    /**
     * Checks the whole chain in id order, {@link #VERIFY_BATCH} records a round trip: each record's hash against its
     * fields, and its previous hash against the hash of the record before it. Answers the first broken record, or the
     * head of an intact chain.
     */
    @Transactional
    public Verification verify() {
        byte[] previous = AuditChain.genesis();
        long after = 0;
        long checked = 0;
        Long headId = null;
        while (true) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select id, read_at, subject, organisation, case_id, endpoint,"
                            + " outcome, previous_hash, hash from audit_log where id > ?1 order by id limit "
                            + VERIFY_BATCH)
                    .setParameter(1, after).getResultList();
            for (Object[] r : rows) {
                long id = ((Number) r[0]).longValue();
                checked++;
                if (!Arrays.equals(previous, (byte[]) r[7])) {
                    return Verification.broken(checked, id, Verification.Problem.UNLINKED);
                }
                byte[] hash = AuditChain.link(previous, instant(r[1]), (String) r[2], (String) r[3], (UUID) r[4],
                        (String) r[5], (String) r[6]);
                if (!Arrays.equals(hash, (byte[]) r[8])) {
                    return Verification.broken(checked, id, Verification.Problem.CHANGED);
                }
                previous = hash;
                headId = id;
                after = id;
            }
            if (rows.size() < VERIFY_BATCH) {
                return Verification.intact(checked, headId, headId == null ? null : AuditChain.hex(previous));
            }
        }
    }

    /**
     * The records about cases {@code owner} owns, newest first; only those of {@code caseId} when it is not null.
     */
    public Entries about(String owner, UUID caseId, PageRequest page) {
        String where = " from audit_log l where exists (select 1 from cases c where c.case_id = l.case_id"
                + " and c.owner_organisation = :owner)" + (caseId == null ? "" : " and l.case_id = :caseId");
        Query select = em.createNativeQuery("select l.id, l.read_at, l.subject, l.organisation, l.case_id, l.endpoint,"
                + " l.outcome"
                + where + " order by l.read_at desc, l.id desc limit " + page.size() + " offset " + page.offset());
        Query count = em.createNativeQuery("select count(*)" + where);
        for (Query query : List.of(select, count)) {
            query.setParameter("owner", owner);
            if (caseId != null) {
                query.setParameter("caseId", caseId);
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.getResultList();
        List<Entry> items = rows.stream().map(r -> new Entry(((Number) r[0]).longValue(), instant(r[1]),
                (String) r[2], (String) r[3], (UUID) r[4], (String) r[5], (String) r[6])).toList();
        return new Entries(items, ((Number) count.getSingleResult()).longValue());
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass().getName());
    }
}
