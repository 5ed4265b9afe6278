-- The case service's own schema: one row per person's case, their timeline, the consumer's processed messages and
-- the transactional outbox of transitions.

create table cases (
    case_id              uuid primary key,
    category             text        not null,
    state                text        not null,
    state_before_close   text,
    owner_organisation   text        not null,
    person               jsonb       not null,
    place_taken          text,
    date_taken           date,
    stated_destination   text,
    date_of_death        date,
    death_reported_on    date,
    conflicts            jsonb       not null default '[]'::jsonb,
    opened_at            timestamptz not null,
    updated_at           timestamptz not null,
    version              bigint      not null
);

-- Every event a case received, applied or rejected, in arrival order (seq).
create table timeline_entries (
    seq            bigint generated always as identity primary key,
    event_id       uuid        not null unique,
    case_id        uuid        not null,
    type           text        not null,
    occurred_at    timestamptz not null,
    received_at    timestamptz not null,
    recorded_at    timestamptz not null,
    reported_by    text        not null,
    submitted_by   text,
    status         text        not null,
    reason         text,
    from_state     text,
    to_state       text,
    alerts         jsonb       not null default '[]'::jsonb,
    urgency        text        not null,
    data           jsonb       not null
);
create index timeline_entries_case on timeline_entries (case_id, seq);

-- The idempotent consumer: a message id is recorded in the same transaction as its effect.
create table processed_messages (
    consumer      text        not null,
    message_id    uuid        not null,
    processed_at  timestamptz not null,
    primary key (consumer, message_id)
);

-- Transitions waiting to be relayed to Kafka, in id order; a row is deleted once the broker acknowledged it.
create table outbox (
    id           bigint generated always as identity primary key,
    topic        text        not null,
    message_key  text        not null,
    payload      bytea       not null,
    created_at   timestamptz not null
);
