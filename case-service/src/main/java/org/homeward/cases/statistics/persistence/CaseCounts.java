package org.homeward.cases.statistics.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.List;
import org.homeward.events.CaseState;
import org.homeward.events.Category;

/**
 * Aggregate counts over the cases an organisation may see, read from {@code case_counts}: one row per organisation,
 * category, state, age group when taken and year taken, kept by the transaction of every change to a case's figures
 * or to its access (the triggers of V104__reads_driven_by_organisation.sql). A read costs the same at a hundred cases
 * and at a million; it reads derived figures only, never a person.
 */
@ApplicationScoped
public class CaseCounts {

    /** How many cases have this category, state, age group and year when taken (null: unknown). */
    public record Row(Category category, CaseState state, String ageGroupWhenTaken, Integer yearTaken, long count) {
    }

    /** How {@code case_counts} writes an unknown age group and an unknown year (its key has no nulls). */
    static final String UNKNOWN_AGE_GROUP = "unknown";
    static final int UNKNOWN_YEAR = 0;

    @Inject
    EntityManager em;

    /**
     * One row per (category, state, age group, year taken) present among the cases the organisation may see,
     * optionally in one category.
     */
    public List<Row> byCategoryStateAndAge(Category only, String organisation) {
        Query query = em.createNativeQuery("select category, state, age_group, year_taken, cases from case_counts"
                + " where organisation = :organisation and cases <> 0"
                + (only == null ? "" : " and category = :category"));
        query.setParameter("organisation", organisation);
        if (only != null) {
            query.setParameter("category", only.name());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new Row(Category.valueOf((String) r[0]), CaseState.valueOf((String) r[1]),
                UNKNOWN_AGE_GROUP.equals(r[2]) ? null : (String) r[2],
                ((Number) r[3]).intValue() == UNKNOWN_YEAR ? null : ((Number) r[3]).intValue(),
                ((Number) r[4]).longValue())).toList();
    }
}
