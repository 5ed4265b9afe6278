-- Issue 15, point 3: a POSSIBLE_DUPLICATE_ELSEWHERE transition tells the owner of a case that another organisation,
-- which may not see it, opened a case that may be the same person. The owner needs that organisation's name to share
-- its case with it, and nothing else of the other case: the transition's reportedBy, kept here for such transitions
-- only (null on every other transition).
alter table transitions add column duplicate_opened_by text;
