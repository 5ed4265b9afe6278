package org.homeward.support.ratelimit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The token buckets in a service's database (table {@code rate_buckets}, one row per organisation), shared by every
 * replica of the service. One statement takes tokens: it creates the organisation's bucket full on its first request,
 * or locks the row, refills it for the time since its last request and takes the tokens if there are enough, all in
 * the one statement, so that concurrent requests (threads or replicas) queue on the row and can never spend the same
 * tokens twice. Time is the database's ({@code clock_timestamp()}, read once the row is locked), so replicas whose
 * clocks disagree still refill alike; a clock that steps back refills nothing until it has caught up.
 */
public final class TokenBuckets {

    static final String TAKE = """
            insert into rate_buckets as bucket (organisation, tokens, updated_at, granted)
            values (?, ?::float8 - ?::float8, clock_timestamp(), true)
            on conflict (organisation) do update set (tokens, updated_at, granted) = (
                select case when refilled >= needed then refilled - needed else refilled end,
                       greatest(bucket.updated_at, now), refilled >= needed
                from (select least(burst, bucket.tokens
                                   + rate * greatest(0, extract(epoch from now - bucket.updated_at)::float8))
                             as refilled, needed, now
                      from (select ?::float8 as burst, ?::float8 as rate, ?::float8 as needed,
                                   clock_timestamp() as now) given) refill)
            returning tokens, granted""";

    private TokenBuckets() {
    }

    /**
     * Takes {@code cost} tokens from the organisation's bucket on {@code connection} (in auto-commit, so that the row
     * is locked for this one statement only). A cost larger than the burst takes the whole (full) bucket, so a batch
     * larger than the burst is not refused forever.
     */
    public static Decision take(Connection connection, String organisation, Quota quota, int cost)
            throws SQLException {
        double needed = Math.min(Math.max(1, cost), quota.burst());
        try (PreparedStatement take = connection.prepareStatement(TAKE)) {
            take.setString(1, organisation);
            take.setDouble(2, quota.burst());
            take.setDouble(3, needed);
            take.setDouble(4, quota.burst());
            take.setDouble(5, quota.rate());
            take.setDouble(6, needed);
            try (ResultSet bucket = take.executeQuery()) {
                bucket.next();
                return Decision.of(quota, needed, bucket.getDouble(1), bucket.getBoolean(2));
            }
        }
    }
}
