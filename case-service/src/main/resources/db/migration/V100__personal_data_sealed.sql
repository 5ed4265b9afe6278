-- Personal data at rest is sealed by the service (AES-256-GCM, FieldCipher, stored form enc:v1:<keyId>:<base64>),
-- bound to its row and column: cases.person ("case:<caseId>:person"), cases.place_taken ("case:<caseId>:place_taken")
-- and timeline_entries.data ("timeline:<eventId>:data"). A sealed value is not JSON, so these columns become text.
-- Rows written before this migration keep their plaintext until KeyRotation seals them (at start-up, in batches).
alter table cases alter column person type text using person::text;
alter table timeline_entries alter column data type text using data::text;

-- The id of the key a stored value was sealed with; '' for plaintext, null for null. KeyRotation reseals every value
-- whose key id is not the active key's.
create function sealed_key_id(stored text) returns text language sql immutable strict parallel safe
    as $$ select case when stored like 'enc:v1:%' then split_part(stored, ':', 3) else '' end $$;

-- Search keys (case_name_keys.name_key) are keyed hashes (BlindIndex, HMAC-SHA-256 under homeward.crypto.index-key)
-- of the readable keys they were before. name_keys_index names the index key that computed a case's keys (a
-- fingerprint, itself an HMAC): cases keyed under another index key, or before this migration, are re-keyed from
-- their decrypted names at start-up (NameKeyIndexer), which also replaces the readable keys of older data.
alter table cases add column name_keys_index text;
