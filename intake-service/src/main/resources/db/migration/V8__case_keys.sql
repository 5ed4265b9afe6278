-- Issue 15, points 1 and 2 on Kafka: the data of every record intake publishes to case-events is sealed under a key
-- of its case. Intake makes each case's key once, keeps it here wrapped by the case-events key ring (shared with the
-- case service only), and publishes it, so wrapped, to the compacted topic case-keys before the first event sealed under
-- it (published_at). When intake learns the case's erasure it destroys the key: wrapped goes, destroyed_at stays, so
-- no key is ever made for the case again, and a marker replaces the key on case-keys.
create table case_keys (
    case_id      uuid primary key,
    wrapped      text,
    created_at   timestamptz not null default now(),
    published_at timestamptz,
    destroyed_at timestamptz,
    constraint case_keys_key_or_destroyed check ((wrapped is null) = (destroyed_at is not null))
);
