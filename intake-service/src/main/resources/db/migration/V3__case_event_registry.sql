-- Which events each case holds, so that intake can check an EVENT_RETRACTED before publishing it: the retracted
-- event must be an event of the same case, not itself a retraction, not retracted already, and the retraction must
-- come from the organisation that reported it (or an admin of the case's owner). One row per event in case-events,
-- learned only by intake's registry consumer (insert ... on conflict do nothing, so a replay changes nothing): an
-- event is known here once intake has read it back from Kafka, usually within a second of its 202.
-- retracted_by_event: the EVENT_RETRACTED that took the event back (null while it stands). Holds no personal data.
create table case_events (
    event_id            uuid        primary key,
    case_id             uuid        not null,
    reported_by         text        not null,
    type                text        not null,
    retracted_by_event  uuid,
    learned_at          timestamptz not null
);
