-- Issue 15, point 2: nothing identifying in clear. A transition's reason is a code now (ReasonCode of case-events:
-- NOT_LEGAL_IN_STATE, FORCED_REPATRIATION_RISK, ...), never a text: the texts the case service sent before could quote
-- a stated destination, where a movement went or a date of death. The reasons stored before are such texts; they are
-- removed (nothing shows them: the feed, webhooks and e-mails never carried the reason). A code this service stores
-- is only capitals and underscores, so a value of that shape is kept.
update transitions set reason = null where reason is not null and reason !~ '^[A-Z][A-Z_]*$';
