package org.homeward.cases.statistics.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.List;
import org.homeward.cases.access.persistence.CaseAccess;
import org.homeward.events.CaseState;
import org.homeward.events.Category;

/**
 * Aggregate counts over the cases an organisation may see ({@code case_access}); reads derived columns only, never the
 * person.
 */
@ApplicationScoped
public class CaseCounts {

    /** How many cases have this category, state, age group and year when taken (null: unknown). */
    public record Row(Category category, CaseState state, String ageGroupWhenTaken, Integer yearTaken, long count) {
    }

    @Inject
    EntityManager em;

    /**
     * One row per (category, state, age group, year taken) present among the cases the organisation may see,
     * optionally in one category.
     */
    public List<Row> byCategoryStateAndAge(Category only, String organisation) {
        Query query = em.createNativeQuery("select category, state, age_group_when_taken,"
                + " extract(year from date_taken)::integer as year_taken, count(*) from cases c"
                + " where " + CaseAccess.visibleTo("c.case_id")
                + (only == null ? "" : " and category = :category")
                + " group by category, state, age_group_when_taken, year_taken");
        query.setParameter(CaseAccess.ORGANISATION, organisation);
        if (only != null) {
            query.setParameter("category", only.name());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new Row(Category.valueOf((String) r[0]), CaseState.valueOf((String) r[1]),
                (String) r[2], r[3] == null ? null : ((Number) r[3]).intValue(), ((Number) r[4]).longValue())).toList();
    }
}
