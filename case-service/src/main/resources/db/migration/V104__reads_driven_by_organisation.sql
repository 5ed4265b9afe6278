-- Reads that do not grow with everyone's data (issue 14, point 3).
--
-- Lists, searches and statistics start from the caller's organisation and stop after one page: lists walk an index
-- of the organisation's accessible cases in their order (keyset paging with an after= cursor), searches walk the name
-- keys in the order of the page, and statistics read a table of counts kept up to date in the transaction of every
-- change, instead of counting every case on each read. docs/search.md has the queries and their plans.
--
-- Everything below is kept by triggers in the transaction of the write that changes a case or its access, whatever
-- code writes it (the ledger, the re-indexer, a release of held events, a migration), so no writer can forget it.

-- 1. case_access carries the case's opening time, category and state: the organisation's list is an index range of
--    its own rows, newest first, filtered by category and state without reading the cases.
alter table case_access add column opened_at timestamptz;
alter table case_access add column category text;
alter table case_access add column state text;
update case_access a set opened_at = c.opened_at, category = c.category, state = c.state
    from cases c where c.case_id = a.case_id;
alter table case_access alter column opened_at set not null;
alter table case_access alter column category set not null;
alter table case_access alter column state set not null;

-- Newest first; the included columns let a category or state filter be checked in the index.
create index case_access_newest on case_access (organisation, opened_at desc, case_id desc) include (category, state);
create index case_access_category_newest on case_access (organisation, category, opened_at desc, case_id desc);
create index case_access_state_newest on case_access (organisation, state, opened_at desc, case_id desc);
create index case_access_category_state_newest
    on case_access (organisation, category, state, opened_at desc, case_id desc);

-- A grant (CaseAccess.grant, or any insert) copies them from the case; the case row exists (foreign key).
create function case_access_copy_case() returns trigger language plpgsql as $$
begin
    select c.opened_at, c.category, c.state into new.opened_at, new.category, new.state
        from cases c where c.case_id = new.case_id;
    return new;
end
$$;
create trigger case_access_copy_case before insert on case_access
    for each row execute function case_access_copy_case();

-- 2. case_name_keys carries the case's opening time: a search reads each key's cases newest first and stops after
--    the page. Only the keys a search looks up are in the index (not the duplicate keys BORN, NEAR, UNDATED).
alter table case_name_keys add column opened_at timestamptz;
update case_name_keys k set opened_at = c.opened_at from cases c where c.case_id = k.case_id;
alter table case_name_keys alter column opened_at set not null;
create index case_name_keys_newest on case_name_keys (kind, name_key, opened_at desc, case_id desc)
    where kind in ('EXACT', 'FULL', 'SURNAME', 'GIVEN');

-- NameIndex.replace writes it; any other insert gets it from the case.
create function case_name_keys_copy_opened_at() returns trigger language plpgsql as $$
begin
    if new.opened_at is null then
        select c.opened_at into new.opened_at from cases c where c.case_id = new.case_id;
    end if;
    return new;
end
$$;
create trigger case_name_keys_copy_opened_at before insert on case_name_keys
    for each row execute function case_name_keys_copy_opened_at();

-- 3. Statistics: how many cases each organisation may see, per category, state, age group when taken and year
--    taken. 'unknown' stands for no age group and 0 for no year (no date has year 0), so that the key has no nulls.
create table case_counts (
    organisation  text    not null,
    category      text    not null,
    state         text    not null,
    age_group     text    not null,
    year_taken    integer not null,
    cases         bigint  not null,
    primary key (organisation, category, state, age_group, year_taken)
);

insert into case_counts (organisation, category, state, age_group, year_taken, cases)
select a.organisation, c.category, c.state, coalesce(c.age_group_when_taken, 'unknown'),
       coalesce(extract(year from c.date_taken)::integer, 0), count(*)
from case_access a join cases c on c.case_id = a.case_id
group by 1, 2, 3, 4, 5;

-- A grant counts the case for the organisation, a revocation uncounts it, at the case's current figures.
create function case_access_counts() returns trigger language plpgsql as $$
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
           coalesce(extract(year from c.date_taken)::integer, 0), delta
    from cases c where c.case_id = changed.case_id
    on conflict (organisation, category, state, age_group, year_taken)
        do update set cases = t.cases + excluded.cases;
    return null;
end
$$;
create trigger case_access_counts after insert or delete on case_access
    for each row execute function case_access_counts();

-- A case whose figures change moves from one count to another for every organisation that may see it, and its
-- copies in case_access follow. The counts' rows are written in key order, so that two transactions moving cases in
-- opposite directions take their locks in the same order.
create function cases_figures_changed() returns trigger language plpgsql as $$
begin
    if old.category is not distinct from new.category and old.state is not distinct from new.state
            and old.age_group_when_taken is not distinct from new.age_group_when_taken
            and old.date_taken is not distinct from new.date_taken and old.opened_at is not distinct from new.opened_at
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
        (old.category, old.state, coalesce(old.age_group_when_taken, 'unknown'),
         coalesce(extract(year from old.date_taken)::integer, 0), -1),
        (new.category, new.state, coalesce(new.age_group_when_taken, 'unknown'),
         coalesce(extract(year from new.date_taken)::integer, 0), 1)) f (category, state, age_group, year_taken, delta)
    where a.case_id = new.case_id
    group by 1, 2, 3, 4, 5
    order by 1, 2, 3, 4, 5
    on conflict (organisation, category, state, age_group, year_taken)
        do update set cases = t.cases + excluded.cases;
    return null;
end
$$;
create trigger cases_figures_changed
    after update of category, state, age_group_when_taken, date_taken, opened_at on cases
    for each row execute function cases_figures_changed();
