package org.homeward.cases.search.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homeward.cases.access.persistence.CaseAccess;
import org.homeward.cases.protection.persistence.PersonalData;
import org.homeward.cases.search.domain.IndexedFacts;
import org.homeward.cases.search.domain.NameKeys;
import org.homeward.cases.search.domain.NameKeys.NameKey;
import org.homeward.events.CaseState;
import org.homeward.events.Category;
import org.homeward.events.EventCodec;
import org.homeward.events.Person;
import org.homeward.support.crypto.BlindIndex;
import org.homeward.support.paging.PageRequest;

/**
 * The table {@code case_name_keys} and the queries on it. Every look-up is an equality match on (kind, key), served by
 * the primary key index; nothing here reads or compares names. The stored keys are BlindIndex values (HMAC-SHA-256
 * under {@code homeward.crypto.index-key}) of the readable keys of {@code NameKeys}: equal names still give equal keys,
 * but a dump of the table reveals no name. Every query that finds cases for a caller is scoped to the cases the
 * caller's organisation may see ({@link CaseAccess#visibleTo}), in the query itself, so that totals and pages count
 * only those.
 */
@ApplicationScoped
public class NameIndex {

    /** Case ids of one page and the number of matches across all pages. */
    public record Hits(List<UUID> caseIds, long total) {
    }

    @Inject
    EntityManager em;

    @Inject
    PersonalData personalData;

    @Inject
    BlindIndex blindIndex;

    /** The purpose of the BlindIndex keys stored in {@code case_name_keys}. */
    static final String PURPOSE = "case-name-key";

    /**
     * Computes the keys (and age group when taken) of up to {@code limit} cases whose keys are missing, were
     * computed by older rules or under another index key, in one transaction; answers how many it did. Rows a consumer
     * holds are skipped and taken by a later call.
     */
    @Transactional
    public int reindex(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select case_id, person, date_taken from cases"
                        + " where name_keys_version is distinct from ?1 or name_keys_index is distinct from ?3"
                        + " order by case_id limit ?2 for update skip locked")
                .setParameter(1, NameKeys.VERSION)
                .setParameter(2, limit)
                .setParameter(3, indexKeyFingerprint())
                .getResultList();
        for (Object[] row : rows) {
            UUID caseId = (UUID) row[0];
            Person person = EventCodec.fromJson(
                    readTree(personalData.open((String) row[1], PersonalData.person(caseId))), Person.class);
            LocalDate dateTaken = row[2] == null ? null : ((java.sql.Date) row[2]).toLocalDate();
            IndexedFacts facts = IndexedFacts.of(person, dateTaken);
            replace(caseId, facts);
            em.createNativeQuery("update cases set name_keys_version = ?1, age_group_when_taken = ?2,"
                            + " name_keys_index = ?3 where case_id = ?4")
                    .setParameter(1, NameKeys.VERSION)
                    .setParameter(2, facts.ageGroupWhenTaken())
                    .setParameter(3, indexKeyFingerprint())
                    .setParameter(4, caseId)
                    .executeUpdate();
        }
        return rows.size();
    }

    /** How many cases still wait for keys of the current rules. */
    @Transactional
    public long pending() {
        return ((Number) em.createNativeQuery("select count(*) from cases where name_keys_version is distinct from ?1"
                        + " or name_keys_index is distinct from ?2")
                .setParameter(1, NameKeys.VERSION).setParameter(2, indexKeyFingerprint()).getSingleResult())
                .longValue();
    }

    /**
     * Names the index key without revealing it (an HMAC of a constant under it): stored with each case's keys, so that
     * a new index key makes every case's keys be recomputed.
     */
    public String indexKeyFingerprint() {
        return blindIndex.of("index-key-fingerprint", "homeward").substring(0, 16);
    }

    /** What {@code case_name_keys.name_key} stores for a key: its keyed hash, never the readable key. */
    String stored(NameKey key) {
        return blindIndex.of(PURPOSE, key.kind().name() + ":" + key.value());
    }

    /** The duplicate key of a full name with a birth year: a keyed hash of both. */
    private String bornIn(NameKey full, int year) {
        return blindIndex.of(PURPOSE, "BORN:" + full.value() + "@" + year);
    }

    /** Kinds of the duplicate keys ({@link #replace}); search never looks them up. */
    static final String BORN = "BORN";
    static final String NEAR = "NEAR";
    static final String UNDATED = "UNDATED";

    /**
     * Pairs of (kind of this case's key, kind of the other case's key) that make two cases possible duplicates when
     * the keys are equal: birth years at most one apart, or one of them unknown.
     */
    private static final String DUPLICATE_PAIRS = " join (values ('NEAR', 'BORN'), ('UNDATED', 'FULL'),"
            + " ('FULL', 'UNDATED')) pair (mine, other) on pair.mine = mine.kind"
            + " join case_name_keys o on o.kind = pair.other and o.name_key = mine.name_key"
            + " and o.case_id <> mine.case_id";

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return EventCodec.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored person is not readable", e);
        }
    }

    /**
     * Replaces a case's keys; must run in the transaction that writes the case. Besides the search keys of its names,
     * a case gets the keys duplicate detection compares, one set per full-name key {@code f}: with a known birth year
     * {@code y}, BORN {@code f@y} and NEAR {@code f@y-1}, {@code f@y}, {@code f@y+1}; without one, UNDATED {@code f}
     * (the FULL key's value). Two cases may be the same person when one's NEAR meets the other's BORN (same name, birth
     * years at most one apart), or one's UNDATED meets the other's FULL (same name, a birth year unknown). So the birth
     * year is compared without being stored: only keyed hashes of it with a name are.
     */
    public void replace(UUID caseId, IndexedFacts facts) {
        em.createNativeQuery("delete from case_name_keys where case_id = ?1").setParameter(1, caseId).executeUpdate();
        List<String[]> rows = new java.util.ArrayList<>();
        for (NameKey key : facts.nameKeys()) {
            rows.add(new String[] {key.kind().name(), stored(key)});
            if (key.kind() == NameKeys.Kind.FULL) {
                Integer year = facts.birthYear();
                if (year == null) {
                    rows.add(new String[] {UNDATED, stored(key)});
                } else {
                    rows.add(new String[] {BORN, bornIn(key, year)});
                    for (int near = year - 1; near <= year + 1; near++) {
                        rows.add(new String[] {NEAR, bornIn(key, near)});
                    }
                }
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("insert into case_name_keys (case_id, kind, name_key) values ");
        int p = 1;
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?1, ?").append(++p).append(", ?").append(++p).append(')');
        }
        sql.append(" on conflict do nothing");
        Query insert = em.createNativeQuery(sql.toString()).setParameter(1, caseId);
        p = 1;
        for (String[] row : rows) {
            insert.setParameter(++p, row[0]);
            insert.setParameter(++p, row[1]);
        }
        insert.executeUpdate();
    }

    /**
     * Cases the organisation may see with any of the keys, filtered, best match first: the very spelling on record,
     * then a full-name match in another spelling, then a surname or given-name match; within each, the newest case
     * first.
     */
    public Hits search(Collection<NameKey> keys, Category category, CaseState state, PageRequest page,
            String organisation) {
        Map<String, Object> params = new HashMap<>();
        String matches = matches(keys, params, this::stored);
        String filters = filters(category, state, params);
        params.put(CaseAccess.ORGANISATION, organisation);
        String hits = "select k.case_id,"
                + " min(case k.kind when 'EXACT' then 0 when 'FULL' then 1 else 2 end) as rank"
                + " from case_name_keys k where " + matches + " and " + CaseAccess.visibleTo("k.case_id")
                + " group by k.case_id";
        List<UUID> ids = ids(bind(em.createNativeQuery("select c.case_id from (" + hits + ") h"
                + " join cases c on c.case_id = h.case_id where true" + filters
                + " order by h.rank, c.opened_at desc, c.case_id limit " + page.size() + " offset " + page.offset()),
                params));
        // Every key belongs to a case (foreign key): without filters the count needs no join.
        String counted = filters.isEmpty() ? "select count(*) from (" + hits + ") h"
                : "select count(*) from (" + hits + ") h join cases c on c.case_id = h.case_id where true" + filters;
        long total = ((Number) bind(em.createNativeQuery(counted), params).getSingleResult()).longValue();
        return new Hits(ids, total);
    }

    /** Every case the organisation may see, filtered, newest first. */
    public Hits list(Category category, CaseState state, PageRequest page, String organisation) {
        Map<String, Object> params = new HashMap<>();
        String filters = filters(category, state, params) + " and " + CaseAccess.visibleTo("c.case_id");
        params.put(CaseAccess.ORGANISATION, organisation);
        List<UUID> ids = ids(bind(em.createNativeQuery("select c.case_id from cases c where true" + filters
                + " order by c.opened_at desc, c.case_id limit " + page.size() + " offset " + page.offset()), params));
        long total = ((Number) bind(em.createNativeQuery("select count(*) from cases c where true" + filters), params)
                .getSingleResult()).longValue();
        return new Hits(ids, total);
    }

    /**
     * The cases the organisation may see that may be the same person as {@code caseId}: a full-name key in common and
     * birth years at most one year apart (or either unknown), compared through the duplicate keys of {@link #replace};
     * oldest first.
     */
    public Hits possibleDuplicates(UUID caseId, PageRequest page, String organisation) {
        String candidates = "select distinct o.case_id from case_name_keys mine" + DUPLICATE_PAIRS
                + " where mine.case_id = :caseId and " + CaseAccess.visibleTo("o.case_id");
        List<UUID> ids = ids(em.createNativeQuery("select c.case_id from (" + candidates + ") d"
                        + " join cases c on c.case_id = d.case_id order by c.opened_at, c.case_id"
                        + " limit " + page.size() + " offset " + page.offset())
                .setParameter("caseId", caseId).setParameter(CaseAccess.ORGANISATION, organisation));
        long total = ((Number) em.createNativeQuery("select count(*) from (" + candidates + ") d")
                .setParameter("caseId", caseId).setParameter(CaseAccess.ORGANISATION, organisation)
                .getSingleResult()).longValue();
        return new Hits(ids, total);
    }

    /** The number of possible duplicates of each case among all cases (cases without any are absent). */
    public Map<UUID, Long> possibleDuplicateCounts(Collection<UUID> caseIds) {
        return possibleDuplicateCounts(caseIds, null);
    }

    /**
     * The number of possible duplicates of each case among those the organisation may see (all cases when it is null);
     * cases without any are absent.
     */
    public Map<UUID, Long> possibleDuplicateCounts(Collection<UUID> caseIds, String organisation) {
        Map<UUID, Long> counts = new HashMap<>();
        if (caseIds.isEmpty()) {
            return counts;
        }
        // One correlated count per case, so that PostgreSQL probes the indexes for each: one join over all the cases
        // at once was planned as a hash join over the whole cases table (300 ms instead of a few at 100,000 cases).
        Query query = em.createNativeQuery("select m.case_id, (select count(distinct o.case_id)"
                        + " from case_name_keys mine" + DUPLICATE_PAIRS
                        + " where mine.case_id = m.case_id"
                        + (organisation == null ? "" : " and " + CaseAccess.visibleTo("o.case_id")) + ")"
                        + " from cases m where m.case_id in (:ids)")
                .setParameter("ids", List.copyOf(caseIds));
        if (organisation != null) {
            query.setParameter(CaseAccess.ORGANISATION, organisation);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        for (Object[] row : rows) {
            long count = ((Number) row[1]).longValue();
            if (count > 0) {
                counts.put((UUID) row[0], count);
            }
        }
        return counts;
    }

    private static String matches(Collection<NameKey> keys, Map<String, Object> params,
            java.util.function.Function<NameKey, String> stored) {
        StringBuilder sql = new StringBuilder("(k.kind, k.name_key) in (");
        int i = 0;
        for (NameKey key : keys) {
            String kind = "k" + i;
            String value = "v" + i;
            params.put(kind, key.kind().name());
            params.put(value, stored.apply(key));
            sql.append(i == 0 ? "" : ", ").append("(:").append(kind).append(", :").append(value).append(')');
            i++;
        }
        return sql.append(')').toString();
    }

    private static String filters(Category category, CaseState state, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder();
        if (category != null) {
            sql.append(" and c.category = :category");
            params.put("category", category.name());
        }
        if (state != null) {
            sql.append(" and c.state = :state");
            params.put("state", state.name());
        }
        return sql.toString();
    }

    private static Query bind(Query query, Map<String, Object> params) {
        params.forEach(query::setParameter);
        return query;
    }

    @SuppressWarnings("unchecked")
    private static List<UUID> ids(Query query) {
        return ((List<Object>) query.getResultList()).stream().map(UUID.class::cast).toList();
    }
}
