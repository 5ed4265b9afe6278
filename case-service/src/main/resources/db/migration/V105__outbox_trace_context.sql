-- The trace an outbox row continues (docs/operations.md, "Traces"): the W3C traceparent of the span that wrote it (the
-- case-events record's, or a request's), and the message's id and type for the relay's span. The relay publishes
-- later, in another thread; it puts the traceparent on the record so the transition continues the partner's trace.
-- Nullable: rows written before this version, and rows written with no trace, have none.
alter table outbox
    add column traceparent  text,
    add column message_id   uuid,
    add column message_type text;
