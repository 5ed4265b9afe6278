-- Advocates' subscriptions; one notification per (subscription, transition); deliveries and every attempt.
--
-- V1 kept one notification per transition with the transition's facts. Those facts move to `transitions` (one row per
-- transition, the same data); a notification now belongs to a subscription, and so to an advocate.

create table transitions (
    transition_id  uuid        primary key,
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
    received_at    timestamptz,
    created_at     timestamptz not null
);
insert into transitions (transition_id, case_id, event_id, event_type, category, status, from_state, to_state,
                         urgency, alerts, reason, occurred_at, created_at)
    select transition_id, case_id, event_id, event_type, category, status, from_state, to_state, urgency, alerts,
           reason, occurred_at, created_at
    from notifications;
drop table notifications;

-- A subscription belongs to one advocate (organisation + user). Empty filter arrays mean "any".
create table subscriptions (
    id            uuid        primary key,
    organisation  text        not null,
    advocate      text        not null,
    channel       text        not null check (channel in ('WEBHOOK', 'EMAIL', 'FEED')),
    target        text,
    secret        text,
    case_ids      uuid[]      not null default '{}',
    categories    text[]      not null default '{}',
    event_types   text[]      not null default '{}',
    min_urgency   text        not null check (min_urgency in ('LOW', 'NORMAL', 'HIGH', 'CRITICAL')),
    created_at    timestamptz not null,
    deleted_at    timestamptz,
    check ((channel = 'FEED') = (target is null)),
    check ((channel = 'WEBHOOK') = (secret is not null))
);
create index subscriptions_owner on subscriptions (organisation, advocate, created_at desc) where deleted_at is null;
create index subscriptions_active on subscriptions (id) where deleted_at is null;

-- Exactly one notification per (subscription, transition): the unique constraint is the guarantee, whatever Kafka
-- redelivers and whichever replica takes it. `seq` orders the feed and is the live stream's event id.
create table notifications (
    id               uuid        primary key,
    seq              bigint      generated always as identity unique,
    subscription_id  uuid        not null references subscriptions (id),
    transition_id    uuid        not null references transitions (transition_id),
    organisation     text        not null,
    advocate         text        not null,
    channel          text        not null,
    case_id          uuid        not null,
    urgency          text        not null,
    created_at       timestamptz not null,
    acked_at         timestamptz,
    unique (subscription_id, transition_id)
);
create index notifications_feed on notifications (organisation, advocate, seq desc) where channel = 'FEED';
create index notifications_transition on notifications (transition_id);

-- One delivery per WEBHOOK or EMAIL notification, created in the notification's transaction. Workers claim due rows
-- with FOR UPDATE SKIP LOCKED and lease them until lease_until; `payload` is the exact body that is signed and sent.
-- `attempts` counts every attempt; `series_attempts` those since the delivery was created or last replayed.
create table deliveries (
    id               uuid        primary key,
    notification_id  uuid        not null unique references notifications (id),
    subscription_id  uuid        not null references subscriptions (id),
    channel          text        not null check (channel in ('WEBHOOK', 'EMAIL')),
    case_id          uuid        not null,
    payload          text        not null,
    status           text        not null check (status in ('PENDING', 'DELIVERED', 'DEAD', 'CANCELLED')),
    attempts         int         not null default 0,
    series_attempts  int         not null default 0,
    next_attempt_at  timestamptz not null,
    claim_token      uuid,
    lease_until      timestamptz,
    created_at       timestamptz not null,
    last_attempt_at  timestamptz,
    delivered_at     timestamptz,
    dead_at          timestamptz,
    last_error       text
);
create index deliveries_due_per_subscription on deliveries (subscription_id, next_attempt_at) where status = 'PENDING';
create index deliveries_subscription on deliveries (subscription_id, created_at desc);
create index deliveries_status on deliveries (status, created_at desc);

-- Every attempt, kept: what was tried, when, how it ended and when the next try is due.
create table delivery_attempts (
    delivery_id      uuid        not null references deliveries (id),
    attempt          int         not null,
    started_at       timestamptz not null,
    duration_ms      int         not null,
    outcome          text        not null check (outcome in ('DELIVERED', 'RETRY', 'DEAD')),
    status_code      int,
    error            text,
    next_attempt_at  timestamptz,
    primary key (delivery_id, attempt)
);
