-- How far an unanswered alert has climbed: 1 the leader on duty, 2 the next tier (every leader of the county and the
-- administrators).
ALTER TABLE alert ADD COLUMN escalation_tier smallint NOT NULL DEFAULT 0;
UPDATE alert SET escalation_tier = 1 WHERE escalated_at IS NOT NULL;
