-- The audit trail of reads of people's data (issue 6): who (the token's subject), from which organisation, when,
-- which case, through which endpoint (method and route template). Never the search text or any personal data.
-- Append-only: rows are inserted in the transaction of the read they record and can never be changed or removed.
create table audit_log (
    id            bigint generated always as identity primary key,
    read_at       timestamptz not null,
    subject       text        not null,
    organisation  text        not null,
    case_id       uuid        not null,
    endpoint      text        not null
);
-- GET /api/v1/audit: the records of one case, or of every case an organisation owns, newest first.
create index audit_log_case on audit_log (case_id, read_at desc, id desc);
create index audit_log_read_at on audit_log (read_at desc, id desc);
create index cases_owner on cases (owner_organisation);

-- Append-only, enforced by the database whatever the client: UPDATE, DELETE and TRUNCATE raise.
create function audit_log_append_only() returns trigger
    language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_log_no_update_or_delete
    before update or delete on audit_log
    for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate
    before truncate on audit_log
    for each statement execute function audit_log_append_only();

-- Privileges as far as one role can express them: nobody is granted more than INSERT and SELECT. The role running
-- this migration owns the table (the service's role when it migrates at start-up); it gives up UPDATE, DELETE and
-- TRUNCATE on it here. An owner could grant them back and a superuser ignores privileges: the triggers above hold
-- against both. Where the operator runs migrations as a separate owner role, grant the service role only
-- INSERT, SELECT on audit_log (docs/services/case-service.md).
revoke all on audit_log from public;
do $$
begin
    execute format('revoke update, delete, truncate on audit_log from %I', current_user);
end
$$;
