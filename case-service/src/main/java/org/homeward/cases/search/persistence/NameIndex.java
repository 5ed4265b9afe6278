package org.homeward.cases.search.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.homeward.cases.access.persistence.CaseAccess;
import org.homeward.cases.protection.persistence.PersonalData;
import org.homeward.cases.search.domain.Cursor;
import org.homeward.cases.search.domain.IndexedFacts;
import org.homeward.cases.search.domain.NameKeys;
import org.homeward.cases.search.domain.NameKeys.NameKey;
import org.homeward.cases.search.domain.Slice;
import org.homeward.events.CaseState;
import org.homeward.events.Category;
import org.homeward.events.EventCodec;
import org.homeward.events.Person;
import org.homeward.support.crypto.BlindIndex;

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

    /**
     * Case ids of one page; the number of matches across all pages (exact unless {@code totalExact} is false: then at
     * least that many); the cursor of the next page, null on the last.
     */
    public record Hits(List<UUID> caseIds, long total, boolean totalExact, String next) {
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
                        + " where (name_keys_version is distinct from ?1 or name_keys_index is distinct from ?3)"
                        + " and state <> 'ERASED'" // an erased case has no keys, and no person to key again
                        + " order by case_id limit ?2 for update skip locked")
                .setParameter(1, NameKeys.VERSION)
                .setParameter(2, limit)
                .setParameter(3, indexKeyFingerprint())
                .getResultList();
        for (Object[] row : rows) {
            UUID caseId = (UUID) row[0];
            Person person = EventCodec.fromJson(
                    readTree(personalData.open(caseId, (String) row[1], PersonalData.person(caseId))), Person.class);
            LocalDate dateTaken = personalData.openDate((String) row[2], PersonalData.dateTaken(caseId));
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
        return ((Number) em.createNativeQuery("select count(*) from cases where (name_keys_version is distinct from ?1"
                        + " or name_keys_index is distinct from ?2) and state <> 'ERASED'")
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

    /** Removes a case's keys (the case was erased): no search or duplicate comparison finds it again. */
    public void remove(UUID caseId) {
        em.createNativeQuery("delete from case_name_keys where case_id = ?1").setParameter(1, caseId).executeUpdate();
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
        // With the case's opening time, by which searches read each key's cases newest first (V104).
        StringBuilder sql = new StringBuilder("insert into case_name_keys (case_id, kind, name_key, opened_at)"
                + " select ?1, v.kind, v.name_key, (select c.opened_at from cases c where c.case_id = ?1)"
                + " from (values ");
        int p = 1;
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?").append(++p).append(", ?").append(++p).append(')');
        }
        sql.append(") v (kind, name_key) on conflict do nothing");
        Query insert = em.createNativeQuery(sql.toString()).setParameter(1, caseId);
        p = 1;
        for (String[] row : rows) {
            insert.setParameter(++p, row[0]);
            insert.setParameter(++p, row[1]);
        }
        insert.executeUpdate();
    }

    /**
     * The most candidates (cases with one of the name's keys) a search counts among; beyond, {@code total} is the
     * number of matches among them, a lower bound, and not exact.
     */
    public static final int COUNT_LIMIT = 500;

    /** The search rank of a kind of key: the spelling on record, a full name, a surname or given name. */
    static int rank(NameKeys.Kind kind) {
        return switch (kind) {
            case EXACT -> 0;
            case FULL -> 1;
            default -> 2;
        };
    }

    /** A case found, and its place in the order of its list. */
    private record Hit(UUID caseId, int rank, Instant openedAt) {
        Cursor cursor(char list) {
            return new Cursor(list, rank, openedAt, caseId);
        }
    }

    /**
     * Cases the organisation may see with any of the keys, filtered, best match first: the very spelling on record
     * (rank 0), then a full-name match in another spelling (1), then a surname or given-name match (2); within each,
     * the newest case first. Each rank is read key by key, newest first, from {@code case_name_keys_newest} (one
     * ordered index range per key, merged), each candidate probed once in {@code case_access} for the organisation
     * and the filters, and the reading stops after the page: a page costs the same whether a name has ten cases or
     * twenty-five thousand, and whether it is the first page or the thousandth. {@code total} is exact when the name
     * has fewer than {@link #COUNT_LIMIT} candidates, a lower bound otherwise.
     */
    public Hits search(Collection<NameKey> keys, Category category, CaseState state, Slice slice,
            String organisation) {
        SortedMap<Integer, List<NameKey>> byRank = new TreeMap<>();
        for (NameKey key : keys) {
            byRank.computeIfAbsent(rank(key.kind()), r -> new ArrayList<>()).add(key);
        }
        Cursor after = slice.after();
        int wanted = slice.skipped() + slice.size() + 1; // one more than shown: is there a next page?
        List<Hit> found = new ArrayList<>();
        List<NameKey> lower = new ArrayList<>();
        for (Map.Entry<Integer, List<NameKey>> rank : byRank.entrySet()) {
            int r = rank.getKey();
            if (after == null || r >= after.rank()) {
                Cursor from = after != null && r == after.rank() ? after : null;
                UUID previous = null;
                while (found.size() < wanted) {
                    int limit = wanted - found.size();
                    List<Hit> rows = rankPage(r, rank.getValue(), lower, category, state, from, limit, organisation);
                    for (Hit row : rows) {
                        if (!row.caseId().equals(previous)) { // one case under several keys of a rank: adjacent
                            found.add(row);
                        }
                        previous = row.caseId();
                    }
                    if (rows.size() < limit) {
                        break;
                    }
                    from = rows.get(rows.size() - 1).cursor(Cursor.SEARCH);
                }
            }
            if (found.size() >= wanted) {
                break;
            }
            lower.addAll(rank.getValue());
        }
        List<Hit> page = window(found, slice);
        boolean more = found.size() > slice.skipped() + slice.size();
        String next = more && !page.isEmpty() ? page.get(page.size() - 1).cursor(Cursor.SEARCH).encode() : null;
        if (after == null && !more) { // everything was read: the count is at hand
            return new Hits(ids(page), found.size(), true, next);
        }
        // Counted among the first COUNT_LIMIT candidates only, so that a count costs at most that many probes
        // whatever the name and the filters: exact when there are fewer, a lower bound otherwise.
        Map<String, Object> params = new HashMap<>();
        StringBuilder union = new StringBuilder();
        int i = 0;
        for (NameKey key : keys) {
            union.append(i == 0 ? "" : " union all ").append("(select k.case_id from case_name_keys k where k.kind = '")
                    .append(key.kind().name()).append("' and k.name_key = :c").append(i).append(')');
            params.put("c" + i, stored(key));
            i++;
        }
        // The probe is a lateral sub-query with a limit, so that it stays one primary-key probe per candidate: as an
        // EXISTS in the select list PostgreSQL hashed all the organisation's access rows first (16,000 here).
        params.put("org", organisation);
        StringBuilder probe = new StringBuilder("select true as shown from case_access a where a.case_id = x.case_id"
                + " and a.organisation = :org");
        if (category != null) {
            probe.append(" and a.category = :category");
            params.put("category", category.name());
        }
        if (state != null) {
            probe.append(" and a.state = :state");
            params.put("state", state.name());
        }
        Object[] counted = (Object[]) bind(em.createNativeQuery("select count(*),"
                + " count(distinct y.case_id) filter (where y.shown) from (select x.case_id, v.shown"
                + " from (" + union + ") x left join lateral (" + probe + " limit 1) v on true"
                + " limit " + COUNT_LIMIT + ") y"), params).getSingleResult();
        boolean exact = ((Number) counted[0]).longValue() < COUNT_LIMIT;
        long total = ((Number) counted[1]).longValue();
        // Never fewer than the pages so far show.
        long shown = (long) slice.skipped() + page.size() + (more ? 1 : 0);
        return new Hits(ids(page), exact ? total : Math.max(total, shown), exact, next);
    }

    /**
     * Up to {@code limit} matches of one rank's keys after {@code from}, newest first, without the cases a lower rank
     * lists (a case is listed once, at its best rank: one {@code NOT EXISTS} over the lower ranks' keys). A case
     * with several of these keys comes once per key, in adjacent rows. One branch per key, each an ordered range of
     * {@code case_name_keys_newest} with its own limit, so PostgreSQL merges them (Merge Append) and reads no further
     * than the page.
     */
    private List<Hit> rankPage(int rank, List<NameKey> keys, List<NameKey> lower, Category category,
            CaseState state, Cursor from, int limit, String organisation) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder common = new StringBuilder();
        if (from != null) {
            common.append(" and (k.opened_at, k.case_id) < (:afterAt, :afterId)");
            params.put("afterAt", from.openedAt());
            params.put("afterId", from.caseId());
        }
        common.append(" and ").append(visible("k.case_id", category, state, params, organisation));
        // One anti-join for all the lower keys: one per key made each branch a many-way join that PostgreSQL took
        // longer to plan (20 ms for a one-word query of 13 keys) than to run.
        if (!lower.isEmpty()) {
            common.append(" and not exists (select 1 from case_name_keys l where l.case_id = k.case_id"
                    + " and (l.kind, l.name_key) in (");
            int j = 0;
            for (NameKey key : lower) {
                common.append(j == 0 ? "" : ", ").append("('").append(key.kind().name()).append("', :l").append(j)
                        .append(')');
                params.put("l" + j, stored(key));
                j++;
            }
            common.append("))");
        }
        StringBuilder sql = new StringBuilder("select case_id, opened_at from (");
        int i = 0;
        for (NameKey key : keys) {
            sql.append(i == 0 ? "" : " union all ")
                    .append("(select k.case_id, k.opened_at from case_name_keys k where k.kind = '")
                    .append(key.kind().name()).append("' and k.name_key = :k").append(i).append(common)
                    .append(" order by k.opened_at desc, k.case_id desc limit ").append(limit).append(')');
            params.put("k" + i, stored(key));
            i++;
        }
        sql.append(") m order by opened_at desc, case_id desc limit ").append(limit);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(em.createNativeQuery(sql.toString()), params).getResultList();
        return rows.stream().map(row -> new Hit((UUID) row[0], rank, instant(row[1]))).toList();
    }

    /**
     * Every case the organisation may see, filtered, newest first: a range of the organisation's own rows in
     * {@code case_access} (which carries each case's opening time, category and state), read from the cursor on and
     * no further than the page. {@code total} comes from the counts kept in {@code case_counts}, exact.
     */
    public Hits list(Category category, CaseState state, Slice slice, String organisation) {
        Map<String, Object> params = new HashMap<>();
        // An erased case is listed nowhere (its count stays in the statistics).
        StringBuilder where = new StringBuilder("a.organisation = :org and a.state <> 'ERASED'");
        params.put("org", organisation);
        if (category != null) {
            where.append(" and a.category = :category");
            params.put("category", category.name());
        }
        if (state != null) {
            where.append(" and a.state = :state");
            params.put("state", state.name());
        }
        String counted = "select coalesce(sum(cases), 0) from case_counts a where " + where;
        Cursor after = slice.after();
        if (after != null) {
            where.append(" and (a.opened_at, a.case_id) < (:afterAt, :afterId)");
            params.put("afterAt", after.openedAt());
            params.put("afterId", after.caseId());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(em.createNativeQuery("select a.case_id, a.opened_at from case_access a where "
                + where + " order by a.opened_at desc, a.case_id desc limit " + (slice.size() + 1)
                + " offset " + slice.skipped()), params).getResultList();
        List<Hit> found = rows.stream().map(row -> new Hit((UUID) row[0], 0, instant(row[1]))).toList();
        List<Hit> page = found.subList(0, Math.min(slice.size(), found.size()));
        String next = found.size() > slice.size() ? page.get(page.size() - 1).cursor(Cursor.LIST).encode() : null;
        params.keySet().removeAll(List.of("afterAt", "afterId"));
        long total = ((Number) bind(em.createNativeQuery(counted), params).getSingleResult()).longValue();
        return new Hits(ids(page), total, true, next);
    }

    /**
     * The cases the organisation may see that may be the same person as {@code caseId}: a full-name key in common and
     * birth years at most one year apart (or either unknown), compared through the duplicate keys of {@link #replace};
     * oldest first, after the cursor.
     */
    public Hits possibleDuplicates(UUID caseId, Slice slice, String organisation) {
        String candidates = "select distinct o.case_id from case_name_keys mine" + DUPLICATE_PAIRS
                + " where mine.case_id = :caseId and " + CaseAccess.visibleTo("o.case_id");
        Cursor after = slice.after();
        Query query = em.createNativeQuery("select c.case_id, c.opened_at from (" + candidates + ") d"
                        + " join cases c on c.case_id = d.case_id"
                        + (after == null ? "" : " where (c.opened_at, c.case_id) > (:afterAt, :afterId)")
                        + " order by c.opened_at, c.case_id limit " + (slice.size() + 1) + " offset "
                        + slice.skipped())
                .setParameter("caseId", caseId).setParameter(CaseAccess.ORGANISATION, organisation);
        if (after != null) {
            query.setParameter("afterAt", after.openedAt()).setParameter("afterId", after.caseId());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<Hit> found = rows.stream().map(row -> new Hit((UUID) row[0], 0, instant(row[1]))).toList();
        List<Hit> page = found.subList(0, Math.min(slice.size(), found.size()));
        String next = found.size() > slice.size() ? page.get(page.size() - 1).cursor(Cursor.DUPLICATES).encode()
                : null;
        long total = ((Number) em.createNativeQuery("select count(*) from (" + candidates + ") d")
                .setParameter("caseId", caseId).setParameter(CaseAccess.ORGANISATION, organisation)
                .getSingleResult()).longValue();
        return new Hits(ids(page), total, true, next);
    }

    /**
     * A SQL condition: the organisation may see the case in {@code caseIdColumn} and it passes the filters, probed in
     * {@code case_access} by its primary key (which carries the case's category and state).
     */
    private static String visible(String caseIdColumn, Category category, CaseState state,
            Map<String, Object> params, String organisation) {
        StringBuilder sql = new StringBuilder("exists (select 1 from case_access a where a.case_id = ")
                .append(caseIdColumn).append(" and a.organisation = :org");
        params.put("org", organisation);
        if (category != null) {
            sql.append(" and a.category = :category");
            params.put("category", category.name());
        }
        if (state != null) {
            sql.append(" and a.state = :state");
            params.put("state", state.name());
        }
        return sql.append(')').toString();
    }

    /** The page out of what was found: after the skipped cases, at most {@code size}. */
    private static List<Hit> window(List<Hit> found, Slice slice) {
        int from = Math.min(slice.skipped(), found.size());
        return found.subList(from, Math.min(from + slice.size(), found.size()));
    }

    private static List<UUID> ids(List<Hit> hits) {
        return hits.stream().map(Hit::caseId).toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + (value == null ? null : value.getClass()));
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

    /** A possible duplicate the opener of a case may not see, with what its owner's alert needs. */
    public record Unseen(UUID caseId, String owner, Category category, CaseState state, long version) {
    }

    /**
     * The possible duplicates of {@code caseId} that {@code organisation} may not see (issue 15, point 3): their owners
     * are told, the organisation is not. Oldest first.
     */
    public List<Unseen> unseenDuplicates(UUID caseId, String organisation) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select c.case_id, c.owner_organisation, c.category, c.state,"
                        + " c.version from cases c where c.case_id in (select o.case_id from case_name_keys mine"
                        + DUPLICATE_PAIRS + " where mine.case_id = :caseId) and not "
                        + CaseAccess.visibleTo("c.case_id") + " order by c.opened_at, c.case_id")
                .setParameter("caseId", caseId).setParameter(CaseAccess.ORGANISATION, organisation).getResultList();
        return rows.stream().map(r -> new Unseen((UUID) r[0], (String) r[1],
                r[2] == null ? null : Category.valueOf((String) r[2]), CaseState.valueOf((String) r[3]),
                ((Number) r[4]).longValue())).toList();
    }

    private static Query bind(Query query, Map<String, Object> params) {
        params.forEach(query::setParameter);
        return query;
    }

}
