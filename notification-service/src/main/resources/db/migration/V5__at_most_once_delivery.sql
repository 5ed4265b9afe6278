-- At most one webhook or e-mail per delivery (docs/webhooks.md, "At most once").
--
-- Before an attempt sends anything, its start is committed: attempt_started_at is set while the worker's claim token is
-- on the row. Recording the attempt's outcome clears it. A delivery claimed again with attempt_started_at still set
-- had an attempt whose outcome nobody knows (the replica died mid-attempt, or could not record the outcome): it is not
-- sent again but marked UNCONFIRMED, with an attempt of outcome UNKNOWN, for the advocate to check with the receiver
-- and replay if it never arrived. Its claim token stays, so that the replica that made the attempt can still record
-- the real outcome when its database comes back.
alter table deliveries add column attempt_started_at timestamptz;

alter table deliveries drop constraint deliveries_status_check;
alter table deliveries add constraint deliveries_status_check
    check (status in ('PENDING', 'DELIVERED', 'DEAD', 'CANCELLED', 'UNCONFIRMED'));

alter table delivery_attempts drop constraint delivery_attempts_outcome_check;
alter table delivery_attempts add constraint delivery_attempts_outcome_check
    check (outcome in ('DELIVERED', 'RETRY', 'DEAD', 'UNKNOWN'));
