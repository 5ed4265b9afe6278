-- Issue 15, point 2: nothing identifying in clear.
--
-- The last personal values of a case leave the clear: the stated destination (where a person said they want to go:
-- an intent to defect), the date taken, the dates of death (the earliest reported one, the day it was reported, and
-- vital_status_date, which is a date of death when the case is REPORTED_DEAD), the conflicts (their reasons quote the
-- destination, where a movement went, dates of death and of life) and the timeline's reasons (the same texts). The
-- service seals each (PersonalData, AES-256-GCM, stored as enc:v1:<keyId>:<base64>) bound to its row and column:
-- case:<caseId>:stated_destination, :date_taken, :date_of_death, :death_reported_on, :vital_status_date, :conflicts,
-- and timeline:<eventId>:reason. A sealed value is neither a date nor JSON, so these columns become text; what is
-- stored now is plaintext (an ISO date, a JSON array) until KeyRotation seals it (at start-up, in batches).
--
-- case_holds.reason stays: it holds the event id, its type and exception classes with the SQL state, never a message
-- or anything a partner wrote (CaseHolds). held_events.payload was sealed already.

-- Grants: the service's role (V107__service_role.sql) holds select, insert, update and delete on the whole table, so
-- the new column is its to write; a changed column type keeps the table's grants. Only the owner, which runs these
-- migrations, may alter the table and replace the functions.

-- Statistics count by the year taken. They read a derived, non-identifying column written with the case (CaseLedger),
-- not the sealed date.
alter table cases add column year_taken integer;
update cases set year_taken = extract(year from date_taken)::integer where date_taken is not null;

-- The trigger names date_taken among its columns: drop it before the column's type changes, and recreate it on
-- year_taken.
drop trigger cases_figures_changed on cases;

alter table cases alter column date_taken type text using date_taken::text;
alter table cases alter column date_of_death type text using date_of_death::text;
alter table cases alter column death_reported_on type text using death_reported_on::text;
alter table cases alter column vital_status_date type text using vital_status_date::text;
alter table cases alter column conflicts drop default;
alter table cases alter column conflicts type text using conflicts::text;

create or replace function case_access_counts() returns trigger language plpgsql as $$
declare
    changed case_access;
    delta integer;
begin
    if tg_op = 'INSERT' then
        changed := new;
        delta := 1;
    else
        changed := old;
        delta := -1;
    end if;
    insert into case_counts as t (organisation, category, state, age_group, year_taken, cases)
    select changed.organisation, c.category, c.state, coalesce(c.age_group_when_taken, 'unknown'),
           coalesce(c.year_taken, 0), delta
    from cases c where c.case_id = changed.case_id
    on conflict (organisation, category, state, age_group, year_taken)
        do update set cases = t.cases + excluded.cases;
    return null;
end
$$;

create or replace function cases_figures_changed() returns trigger language plpgsql as $$
begin
    if old.category is not distinct from new.category and old.state is not distinct from new.state
            and old.age_group_when_taken is not distinct from new.age_group_when_taken
            and old.year_taken is not distinct from new.year_taken and old.opened_at is not distinct from new.opened_at
    then
        return null;
    end if;
    update case_access set opened_at = new.opened_at, category = new.category, state = new.state
        where case_id = new.case_id
          and (opened_at, category, state) is distinct from (new.opened_at, new.category, new.state);
    insert into case_counts as t (organisation, category, state, age_group, year_taken, cases)
    select a.organisation, f.category, f.state, f.age_group, f.year_taken, sum(f.delta)
    from case_access a
    cross join (values
        (old.category, old.state, coalesce(old.age_group_when_taken, 'unknown'), coalesce(old.year_taken, 0), -1),
        (new.category, new.state, coalesce(new.age_group_when_taken, 'unknown'), coalesce(new.year_taken, 0), 1))
        f (category, state, age_group, year_taken, delta)
    where a.case_id = new.case_id
    group by 1, 2, 3, 4, 5
    order by 1, 2, 3, 4, 5
    on conflict (organisation, category, state, age_group, year_taken)
        do update set cases = t.cases + excluded.cases;
    return null;
end
$$;
create trigger cases_figures_changed
    after update of category, state, age_group_when_taken, year_taken, opened_at on cases
    for each row execute function cases_figures_changed();
