-- Issue 15, point 4: a tamper-evident audit log, and denied reads on record.
--
-- outcome: SHOWN (the reader was shown the case's data) or DENIED (the reader named a case its organisation may not
-- see, or one that does not exist: the caller got the same 404 for both, the record keeps the id it named).
--
-- The chain: each record carries the SHA-256 of the one before it (previous_hash; 32 zero bytes for the first) and its
-- own hash over that and its fields (audit_log_link below; AuditChain computes the same in Java). Changing a record's
-- fields breaks its own hash; deleting or inserting one breaks the link of the record after it. Writers take the
-- transaction-scoped advisory lock of AuditLog.CHAIN_LOCK before they read the last hash, so that concurrent writers
-- (threads or replicas) cannot fork the chain; the unique index on previous_hash refuses a fork all the same.
alter table audit_log
    add column outcome       text  not null default 'SHOWN' check (outcome in ('SHOWN', 'DENIED')),
    add column previous_hash bytea,
    add column hash          bytea;
alter table audit_log alter column outcome drop default;

-- A record's hash: SHA-256 over the previous hash and each field as <octets>:<value>| (UTF-8), the time as microseconds
-- since the epoch. Length-prefixed, so no two different records encode alike.
create function audit_log_link(previous bytea, read_at timestamptz, subject text, organisation text, case_id uuid,
                               endpoint text, outcome text) returns bytea
    language sql immutable strict as $$
select sha256(previous || convert_to(
        octet_length(e)::text || ':' || e || '|' ||
        octet_length(subject)::text || ':' || subject || '|' ||
        octet_length(organisation)::text || ':' || organisation || '|' ||
        octet_length(c)::text || ':' || c || '|' ||
        octet_length(endpoint)::text || ':' || endpoint || '|' ||
        octet_length(outcome)::text || ':' || outcome || '|', 'UTF8'))
from (select (extract(epoch from read_at) * 1000000)::bigint::text as e, case_id::text as c) f
$$;

-- Chain the records written before, in id order (the append-only trigger is set aside for this migration only).
alter table audit_log disable trigger audit_log_no_update_or_delete;
do $$
declare
    previous bytea := decode(repeat('00', 32), 'hex');
    r record;
begin
    for r in select * from audit_log order by id loop
        update audit_log set previous_hash = previous,
                             hash = audit_log_link(previous, r.read_at, r.subject, r.organisation, r.case_id,
                                                   r.endpoint, r.outcome)
        where id = r.id
        returning hash into previous;
    end loop;
end
$$;
alter table audit_log enable trigger audit_log_no_update_or_delete;
alter table audit_log
    alter column previous_hash set not null,
    alter column hash set not null,
    add constraint audit_log_hash_is_sha256 check (octet_length(hash) = 32 and octet_length(previous_hash) = 32);
create unique index audit_log_one_successor on audit_log (previous_hash);
