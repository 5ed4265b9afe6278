-- Issue 15, point 6: rate limits per organisation, shared by every replica of the service. One token bucket per
-- organisation that has called the API (service-support's TokenBuckets takes tokens in one statement that locks the
-- row): the tokens left after the last request, when it came (the database's clock), and whether it got its tokens.
-- Holds no personal data; one row per organisation, never more.
create table rate_buckets (
    organisation text             primary key,
    tokens       double precision not null,
    updated_at   timestamptz      not null,
    granted      boolean          not null
);
