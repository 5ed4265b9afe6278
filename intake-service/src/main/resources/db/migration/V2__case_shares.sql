-- Who may report on a case besides its owner: one row per organisation a case is shared with. Learned only from
-- case-events (CASE_SHARED adds the row, CASE_UNSHARED removes it), in the order Kafka holds a case's events, so a
-- share counts once it is in Kafka and has been read back; intake answers 404 to that organisation until then.
create table case_shares (
    case_id       uuid        not null,
    organisation  text        not null,
    shared_at     timestamptz not null,
    primary key (case_id, organisation)
);
