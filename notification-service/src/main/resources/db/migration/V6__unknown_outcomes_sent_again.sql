-- A delivery whose attempt started and was never recorded is sent again, with the same webhook-id or Message-ID
-- (docs/webhooks.md, "One id per delivery"), instead of waiting as UNCONFIRMED for an advocate: a lost alert is the
-- worse harm, and the fixed id lets a receiver that has it drop the copy.
--
-- Deliveries left UNCONFIRMED by the earlier rule already carry their attempt of outcome UNKNOWN (counted by the next
-- attempt's number): they become PENDING, due now, and are sent again.
update deliveries
set status = 'PENDING', attempts = attempts + 1, next_attempt_at = now(), claim_token = null, lease_until = null,
    attempt_started_at = null
where status = 'UNCONFIRMED';

alter table deliveries drop constraint deliveries_status_check;
alter table deliveries add constraint deliveries_status_check
    check (status in ('PENDING', 'DELIVERED', 'DEAD', 'CANCELLED'));
