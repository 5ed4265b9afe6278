-- Issue 15, point 1 (crypto-shredding): every case has a key of its own. A fresh random AES-256 key per case, stored
-- here wrapped (sealed) by the service's key ring under the context case:<caseId>:key (FieldCipher, stored form
-- enc:v1:<ringKeyId>:...). The case's personal values are sealed under it (stored form enc:v2:case:<base64>, bound to
-- their row and column as before). Erasing a case (CASE_ERASED) deletes its row: from then on nothing sealed under it
-- opens, in this database or in any copy of its columns. Rotating the ring reseals only the wrapped keys.
create table case_keys (
    case_id    uuid primary key,
    wrapped    text        not null,
    created_at timestamptz not null default now()
);

-- The ring key a stored value names: its id for enc:v1 (sealed by the ring), '' for plaintext from before
-- encryption, null for null and for enc:v2:case values (sealed under a case key, which the ring does not seal
-- directly; their case key's row in case_keys names the ring key that wraps it).
create or replace function sealed_key_id(stored text) returns text language sql immutable strict parallel safe
    as $$ select case when stored like 'enc:v1:%' then split_part(stored, ':', 3)
                      when stored like 'enc:v2:case:%' then null
                      else '' end $$;

-- An erased case keeps its counts, state and timeline skeleton (types, statuses, times, organisations), never its
-- person: a value that was not sealed under the case key (sealed by the ring before this migration and not moved yet,
-- or plaintext) is set to null by the erasure, and an event that arrives after it is kept without its payload.
alter table cases alter column person drop not null;
alter table timeline_entries alter column data drop not null;
