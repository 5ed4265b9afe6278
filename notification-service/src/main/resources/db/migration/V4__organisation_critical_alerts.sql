-- Organisation-wide critical alerts: every advocate of an organisation that may see a case hears of its critical
-- transitions (urgency CRITICAL, or a critical alert) in the in-app feed and on the live stream, subscribed or not.
--
-- There is no directory of advocates (an advocate is whoever calls with the advocate role and an organisation), so
-- routing cannot write one row per advocate: it writes one row per (organisation, transition) for each organisation in
-- the transition's visibleTo, and an advocate's feed is their own FEED notifications merged with their organisation's
-- critical alerts. An advocate who has their own FEED notification of the same transition sees only that one.
create table critical_alerts (
    id             uuid        primary key,
    -- Drawn from the same sequence as notifications.seq (set below): one order for the merged feed, and the live
    -- stream's event ids (Last-Event-ID) stay comparable across both tables.
    seq            bigint      not null unique,
    organisation   text        not null,
    transition_id  uuid        not null references transitions (transition_id),
    case_id        uuid        not null,
    -- the urgency routing used (NORMAL for one this version does not know), as notifications.urgency
    urgency        text        not null,
    created_at     timestamptz not null,
    unique (organisation, transition_id)
);
do $$
begin
    execute format('alter table critical_alerts alter column seq set default nextval(%L::regclass)',
                   pg_get_serial_sequence('notifications', 'seq'));
end
$$;
create index critical_alerts_feed on critical_alerts (organisation, seq desc);

-- Acknowledgement is per advocate: one advocate acknowledging leaves the alert unacknowledged for the others.
create table critical_alert_acks (
    alert_id   uuid        not null references critical_alerts (id),
    advocate   text        not null,
    acked_at   timestamptz not null,
    primary key (alert_id, advocate)
);

-- "Has this advocate their own FEED notification of this transition?" (an own notification takes the alert's place)
create index notifications_feed_transition on notifications (transition_id, organisation, advocate)
    where channel = 'FEED';
