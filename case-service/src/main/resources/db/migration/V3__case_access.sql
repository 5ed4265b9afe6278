-- Organisation-scoped access (issue 6). A case belongs to the organisation that opened it; CASE_SHARED grants another
-- organisation access and CASE_UNSHARED revokes it. Every read (case, timeline, search, duplicates, statistics) joins
-- this table on the caller's organisation, so a case an organisation may not see is as absent as one that does not
-- exist. Rows are written in the transaction of the event that grants or revokes (CaseLedger).
create table case_access (
    case_id           uuid        not null references cases (case_id),
    organisation      text        not null,
    -- The event that granted it (CASE_OPENED for the owner, CASE_SHARED for a partner); null only for cases stored
    -- before events were kept in the timeline, whose owner is granted below.
    granted_by_event  uuid,
    granted_at        timestamptz not null,
    primary key (case_id, organisation)
);
-- Reads look up "which cases may this organisation see" (search, lists, statistics).
create index case_access_organisation on case_access (organisation, case_id);

-- Cases stored before this migration: their owner, granted by the CASE_OPENED event when the timeline has it.
insert into case_access (case_id, organisation, granted_by_event, granted_at)
select c.case_id, c.owner_organisation, t.event_id, c.opened_at
from cases c
left join timeline_entries t on t.case_id = c.case_id and t.type = 'CASE_OPENED' and t.status = 'APPLIED';

-- And the shares their owner made before access was enforced: the latest applied CASE_SHARED / CASE_UNSHARED the
-- owner sent for each organisation decides.
insert into case_access (case_id, organisation, granted_by_event, granted_at)
select latest.case_id, latest.organisation, latest.event_id, latest.recorded_at
from (select distinct on (t.case_id, t.data ->> 'organisation')
             t.case_id, t.data ->> 'organisation' as organisation, t.event_id, t.recorded_at, t.type
      from timeline_entries t
      join cases c on c.case_id = t.case_id and t.reported_by = c.owner_organisation
      where t.type in ('CASE_SHARED', 'CASE_UNSHARED') and t.status = 'APPLIED'
        and t.data ->> 'organisation' is not null
      order by t.case_id, t.data ->> 'organisation', t.seq desc) latest
where latest.type = 'CASE_SHARED'
on conflict do nothing;
