-- Search, duplicates and statistics (issue 3).
--
-- Names are found through derived keys (NameKeys.java, docs/search.md), never by pattern matching on the names: a
-- search is an equality look-up in case_name_keys. This keeps working when names are encrypted at rest and the keys
-- become keyed hashes of themselves.
create table case_name_keys (
    case_id   uuid not null references cases (case_id),
    kind      text not null,   -- FULL, SURNAME or GIVEN
    name_key  text not null,
    primary key (kind, name_key, case_id)
);
create index case_name_keys_case on case_name_keys (case_id);

-- The version of the folding rules that computed a case's keys; cases whose keys are missing or older are re-keyed
-- at start-up (NameKeyIndexer), e.g. every case opened before this migration.
alter table cases add column name_keys_version integer;

-- Birth year for duplicate detection; age when taken (whole years, from birth year and date taken) for statistics.
alter table cases add column birth_year integer;
alter table cases add column age_when_taken integer;
update cases set birth_year = (person ->> 'birthYear')::integer where person ? 'birthYear';
update cases set age_when_taken = extract(year from date_taken)::integer - birth_year
    where date_taken is not null and birth_year is not null and extract(year from date_taken)::integer >= birth_year;

-- Lists and statistics filter by category and state; lists without a query show the newest cases first.
create index cases_category_state on cases (category, state);
create index cases_state on cases (state);
create index cases_opened on cases (opened_at desc, case_id);
