-- Derivation by occurredAt, vital claims and retraction (issue 11).
--
-- A case is derived from its own events in the order they happened (occurred_at; arrival order, seq, breaks ties;
-- the opening first), not in arrival order. Every case stored before this migration has derivation_version null and
-- is derived again at start-up under the new rules (Rederivation): its entries are judged again where they fall,
-- nothing is deleted, and a case whose state or conflicts change announces it with a transition.
alter table cases add column derivation_version integer;
-- vitalStatus (UNKNOWN, ALIVE, REPORTED_DEAD, DISPUTED) and its date, derived from the dated claims, which are
-- personal data (sources, dates) and sealed like the person (PersonalData, context case:<caseId>:vital_claims).
alter table cases add column vital_status text not null default 'UNKNOWN';
alter table cases add column vital_status_date date;
alter table cases add column vital_claims text;

-- An entry refused by the access rules at arrival is kept but never part of a derivation.
alter table timeline_entries add column access_refused boolean not null default false;
update timeline_entries set access_refused = true
    where status = 'REJECTED' and (reason like 'the reporting organisation has no access%'
        or reason like 'only the organisation that owns the case may share%'
        or reason like 'the case cannot be shared with its owner%'
        or reason like 'the owner''s access to its case cannot be revoked%'
        or reason like '% has no access to this case to revoke%');
-- An entry taken back by EVENT_RETRACTED: status RETRACTED, by which event and organisation, when, and why (sealed,
-- context timeline:<eventId>:retraction_reason).
alter table timeline_entries add column retracted_by uuid;
alter table timeline_entries add column retracted_by_organisation text;
alter table timeline_entries add column retracted_at timestamptz;
alter table timeline_entries add column retraction_reason text;

-- The timeline in the order things happened, and "the latest event of a case" for a derivation's fast path.
create index timeline_entries_case_occurred on timeline_entries (case_id, occurred_at, seq);
