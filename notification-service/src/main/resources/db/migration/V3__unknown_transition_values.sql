-- Tolerant reading (docs/event-contract.md, "Rolling out a new value"): a transition may carry an event type, status
-- or urgency this version does not know yet (the case service was upgraded first). EventCodec reads such a value as
-- null; the transition is stored and routed all the same, with the value left null here. Routing counts an unknown
-- urgency as NORMAL, so notifications.urgency (what the feed filters on) stays required.
-- A transition that no event caused (the case service derived a stored case again under new rules, after an upgrade;
-- docs/state-machine.md) has neither event id nor event type.
alter table transitions
    alter column event_id drop not null,
    alter column event_type drop not null,
    alter column status drop not null,
    alter column urgency drop not null;
