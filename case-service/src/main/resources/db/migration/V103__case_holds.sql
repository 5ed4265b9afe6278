-- A person's history never moves on without one of its events. When an event of a case cannot be applied for good
-- (a fault that retrying does not mend, or a type this version does not know), the case goes on hold: the event and
-- every later event of the case wait here in arrival order, every other case goes on, and an operator releases the
-- case after a fix, which applies the held events in order (docs/reliability.md).
create table case_holds (
    case_id          uuid primary key,
    -- The event that could not be applied, its type as it arrived, and why (exception classes and SQL state only:
    -- never a message, which could quote personal data).
    event_id         uuid        not null,
    event_type       text        not null,
    reason           text        not null,
    -- The organisation that reported it: it sees the hold of a case that does not exist yet (a held opening).
    reported_by      text        not null,
    held_at          timestamptz not null,
    release_attempts integer     not null default 0,
    last_attempt_at  timestamptz
);

create table held_events (
    position    bigint generated always as identity primary key,
    case_id     uuid        not null references case_holds (case_id),
    event_id    uuid        not null unique,
    event_type  text        not null,
    -- The record as it arrived, sealed like every personal field (context held:<eventId>:payload).
    payload     text        not null,
    held_at     timestamptz not null
);
create index held_events_case on held_events (case_id, position);
