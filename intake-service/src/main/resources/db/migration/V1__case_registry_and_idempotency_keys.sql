-- Intake's own schema: which cases exist (so that an event for an unknown case is refused at the door) and the
-- idempotency keys partners send (so that a retry answers the same ids and publishes nothing new).

-- One row per case intake knows: written in the transaction that waits for Kafka's acknowledgement of CASE_OPENED,
-- and upserted again by intake's own consumer of case-events, so that a commit lost after the acknowledgement heals.
-- The owner is the organisation that opened the case (access rules will build on it).
create table cases (
    case_id             uuid        primary key,
    owner_organisation  text        not null,
    opened_event_id     uuid        not null,
    registered_at       timestamptz not null
);

-- One row per idempotency key of an organisation, kept for the retention (at least 24 h). A bulk request stores one
-- row for the whole request (no ids) and one per accepted item (key#index). fingerprint: SHA-256 of what was asked
-- (operation, case, validated content), never the content itself.
create table idempotency_keys (
    organisation     text        not null,
    idempotency_key  text        not null,
    fingerprint      text        not null,
    case_id          uuid,
    event_id         uuid,
    created_at       timestamptz not null,
    expires_at       timestamptz not null,
    primary key (organisation, idempotency_key)
);
create index idempotency_keys_expiry on idempotency_keys (expires_at);
