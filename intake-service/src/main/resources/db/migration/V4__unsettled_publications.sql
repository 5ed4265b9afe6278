-- Keyed publications whose outcome intake could not know: the record left for Kafka and no acknowledgement came (a
-- timeout, a lost connection, a lost acknowledgement), so it may or may not be in case-events. The partner was told so
-- (503 outcome-unknown) and retries with the same Idempotency-Key; the retry first looks for the event in case-events
-- from attempted_at on, answers 202 with these ids without publishing again when it is there, and publishes it when it
-- is not. Rows go once settled, or after the idempotency retention. Holds no personal data (a fingerprint is a hash).
create table unsettled_publications (
    organisation     text        not null,
    idempotency_key  text        not null,
    fingerprint      text        not null,
    case_id          uuid        not null,
    event_id         uuid        not null,
    attempted_at     timestamptz not null,
    primary key (organisation, idempotency_key)
);
create index unsettled_publications_attempted_at on unsettled_publications (attempted_at);
