-- The notification service's own schema.

-- One notification per case transition (the transition id is unique), newest first by created_at.
create table notifications (
    id             uuid primary key,
    transition_id  uuid        not null unique,
    case_id        uuid        not null,
    event_id       uuid        not null,
    event_type     text        not null,
    category       text,
    status         text        not null,
    from_state     text,
    to_state       text,
    urgency        text        not null,
    alerts         jsonb       not null default '[]'::jsonb,
    reason         text,
    occurred_at    timestamptz not null,
    created_at     timestamptz not null
);
create index notifications_newest on notifications (created_at desc, id);
create index notifications_case on notifications (case_id, created_at desc);

create table processed_messages (
    consumer      text        not null,
    message_id    uuid        not null,
    processed_at  timestamptz not null,
    primary key (consumer, message_id)
);
