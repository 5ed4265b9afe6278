-- Issue 15, point 4: the service runs as a role of its own, migrations as the database's owner. The service role owns
-- nothing, so it can neither drop nor alter a table, a trigger or a function; it may read and write the rows of every
-- table of the schema, of those created here and of those later migrations create (default privileges of the owner).
-- ${service_role} is the role the service connects as (quarkus.datasource.username). Where a deployment runs the
-- service and its migrations as one role, there is nothing to grant: the triggers and revocations of the earlier
-- migrations are then the only guard, and an owner could undo them (docs/security.md, "Audit").
do $$
declare
    service text := '${service_role}';
begin
    if service = current_user then
        raise notice 'the service runs as the migration role %: no separate privileges to grant', service;
        return;
    end if;
    execute format('grant usage on schema public to %I', service);
    execute format('grant select, insert, update, delete on all tables in schema public to %I', service);
    execute format('grant usage, select on all sequences in schema public to %I', service);
    execute format('revoke all on flyway_schema_history from %I', service);
    execute format('alter default privileges in schema public grant select, insert, update, delete on tables to %I',
                   service);
    execute format('alter default privileges in schema public grant usage, select on sequences to %I', service);
    -- The audit log: insert and read only. Its hash chain then cannot be rewritten by the service, and the
    -- append-only triggers cannot be dropped or disabled by it (only the owner may).
    execute format('revoke update, delete, truncate on audit_log from %I', service);
end
$$;
