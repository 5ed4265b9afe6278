package org.homeward.cases.audit.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.homeward.cases.audit.domain.Reader;
import org.homeward.support.paging.PageRequest;

/**
 * The append-only table {@code audit_log}: one row per case whose data a reader was shown. Rows are only ever
 * inserted, in the transaction of the read they record, so that a read whose record could not be written is not
 * answered; the database refuses UPDATE, DELETE and TRUNCATE (V4__audit_log.sql).
 */
@ApplicationScoped
public class AuditLog {

    /** One record as stored. */
    public record Entry(long id, Instant readAt, String subject, String organisation, UUID caseId, String endpoint) {
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
        if (caseIds.isEmpty()) {
            return;
        }
        List<UUID> ids = List.copyOf(new LinkedHashSet<>(caseIds));
        StringBuilder sql = new StringBuilder(
                "insert into audit_log (read_at, subject, organisation, case_id, endpoint) values ");
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?1, ?2, ?3, ?").append(i + 5).append(", ?4)");
        }
        Query insert = em.createNativeQuery(sql.toString())
                .setParameter(1, clock.instant())
                .setParameter(2, reader.subject())
                .setParameter(3, reader.organisation())
                .setParameter(4, reader.endpoint());
        for (int i = 0; i < ids.size(); i++) {
            insert.setParameter(i + 5, ids.get(i));
        }
        insert.executeUpdate();
    }

    /**
     * The records about cases {@code owner} owns, newest first; only those of {@code caseId} when it is not null.
     */
    public Entries about(String owner, UUID caseId, PageRequest page) {
        String where = " from audit_log l where exists (select 1 from cases c where c.case_id = l.case_id"
                + " and c.owner_organisation = :owner)" + (caseId == null ? "" : " and l.case_id = :caseId");
        Query select = em.createNativeQuery("select l.id, l.read_at, l.subject, l.organisation, l.case_id, l.endpoint"
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
                (String) r[2], (String) r[3], (UUID) r[4], (String) r[5])).toList();
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
