package org.homeward.cases.lifecycle.domain;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether the person is alive, as the dated claims say, whatever order they arrived in:
 * <ul>
 * <li>{@code UNKNOWN}: no claim;</li>
 * <li>{@code ALIVE}: evidence of life and no death report; {@code date} is the latest evidence;</li>
 * <li>{@code REPORTED_DEAD}: death reports whose dates agree within a year, and no evidence of life dated after the
 * earliest of them; {@code date} is that earliest date of death;</li>
 * <li>{@code DISPUTED}: evidence of life dated after a reported date of death, or death reports whose dates of death
 * differ by more than a year; {@code date} is the latest evidence of life, if any.</li>
 * </ul>
 * The case's state is not this: it moves only by legal steps (a death report makes it DECEASED and nothing but a
 * retraction takes that back), while vitalStatus shows what the evidence says now.
 */
public record Vitals(Status status, LocalDate date) {

    public enum Status { UNKNOWN, ALIVE, REPORTED_DEAD, DISPUTED }

    public static final Vitals UNKNOWN = new Vitals(Status.UNKNOWN, null);

    public static Vitals of(Collection<VitalClaim> claims) {
        Optional<LocalDate> earliestDeath = dates(claims, true).min(Comparator.naturalOrder());
        Optional<LocalDate> latestDeath = dates(claims, true).max(Comparator.naturalOrder());
        Optional<LocalDate> latestLife = dates(claims, false).max(Comparator.naturalOrder());
        if (earliestDeath.isEmpty()) {
            return latestLife.map(d -> new Vitals(Status.ALIVE, d)).orElse(UNKNOWN);
        }
        boolean lifeAfterDeath = latestLife.isPresent() && latestLife.get().isAfter(earliestDeath.get());
        boolean deathsDisagree = earliestDeath.get().plusYears(1).isBefore(latestDeath.get());
        if (lifeAfterDeath || deathsDisagree) {
            return new Vitals(Status.DISPUTED, latestLife.orElse(null));
        }
        return new Vitals(Status.REPORTED_DEAD, earliestDeath.get());
    }

    /** The evidence of life dated after a reported death: each is a LIFE_AFTER_DEATH conflict. */
    public static List<VitalClaim> lifeAfterDeath(Collection<VitalClaim> claims) {
        Optional<LocalDate> earliestDeath = dates(claims, true).min(Comparator.naturalOrder());
        return earliestDeath.map(death -> claims.stream().filter(c -> !c.isDeath() && c.date().isAfter(death))
                .toList()).orElse(List.of());
    }

    /** The earliest reported date of death, if any. */
    public static Optional<LocalDate> earliestDeath(Collection<VitalClaim> claims) {
        return dates(claims, true).min(Comparator.naturalOrder());
    }

    private static java.util.stream.Stream<LocalDate> dates(Collection<VitalClaim> claims, boolean deaths) {
        return claims.stream().filter(c -> c.isDeath() == deaths).map(VitalClaim::date);
    }
}
