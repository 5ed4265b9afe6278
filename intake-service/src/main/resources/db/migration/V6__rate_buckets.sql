-- Issue 15, point 6: rate limits per organisation, shared by every replica of the service. One token bucket per
-- organisation that has called the API (service-support's TokenBuckets takes tokens in one statement that locks the
-- row): the tokens left after the last request, when it came (the database's clock), and whether it got its tokens.
-- Holds no personal data; one row per organisation, never more.
--
-- Unlogged: every API request writes its organisation's row, and a bucket needs no durability. Without WAL that write
-- waits for no flush to disk; a crash of PostgreSQL (or a fail-over: unlogged tables are not replicated) empties the
-- table, and every organisation starts again with a full bucket, as on its first request.
create unlogged table rate_buckets (
    organisation text             primary key,
    tokens       double precision not null,
    updated_at   timestamptz      not null,
    granted      boolean          not null
);
