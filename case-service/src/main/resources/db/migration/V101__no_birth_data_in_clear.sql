-- No birth data in clear (issue 6): the birth year and the exact age when taken leave the cases table.
--
-- Statistics keep the age group when taken (a decade, "under 10" ... "100 and over"; null when unknown), a derived,
-- non-identifying column written with the case. Duplicate detection compares birth years through derived keys in
-- case_name_keys instead (BORN, NEAR and UNDATED rows, docs/search.md): every case is re-keyed at start-up.
alter table cases add column age_group_when_taken text;
update cases set age_group_when_taken = case
        when age_when_taken is null or age_when_taken < 0 then null
        when age_when_taken < 10 then 'under 10'
        when age_when_taken >= 100 then '100 and over'
        else (age_when_taken / 10 * 10)::text || 's' end;
alter table cases drop column birth_year;
alter table cases drop column age_when_taken;
update cases set name_keys_index = null;
