-- Issue 15, point 1: a case its owner erased (CASE_ERASED). Learned from case-events by intake's registry consumer:
-- from then on intake answers 410 to every event for the case, and a repeated erasure answers the first erasure's
-- event id without publishing again. The idempotency keys and unsettled publications of the case (their fingerprints
-- are hashes of what was reported about the person) are deleted when the erasure is learned.
alter table cases add column erased_at timestamptz;
alter table cases add column erasure_event_id uuid;
