-- The trace a delivery continues (docs/operations.md, "Traces"): the W3C traceparent of the span that routed the
-- transition (its case-transitions record's). Deliveries are sent later, by any replica's engine: each attempt's span
-- is a child of this context, and the webhook request carries the attempt's traceparent. Nullable: rows written
-- before this version, and rows routed with no trace, have none.
alter table deliveries add column traceparent text;
