-- Issue 15, points 1 and 2 on Kafka: the data of each record of case-events is sealed by intake under a key of its
-- case, which reaches this service on the compacted topic case-keys, wrapped by the case-events key ring. Each case's
-- key is kept here as it came (wrapped); the case's erasure (CASE_ERASED, or the marker that replaces the key on
-- case-keys) destroys it: wrapped goes, destroyed_at stays, so a late copy of the key is never taken again and a
-- record sealed under it is known to be unreadable rather than early.
create table event_keys (
    case_id      uuid primary key,
    wrapped      text,
    learned_at   timestamptz not null default now(),
    destroyed_at timestamptz,
    constraint event_keys_key_or_destroyed check ((wrapped is null) = (destroyed_at is not null))
);
