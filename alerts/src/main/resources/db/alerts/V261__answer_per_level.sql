-- 叫应 per level: a level up needs a new answer, so reminders and escalation count from the level up, not from the
-- raise. level_since: when the alert reached the level that now needs an answer (NULL: since raised_at; a level
-- down keeps it). answered_level: the level the duty room's answer covers.
ALTER TABLE alert ADD COLUMN level_since timestamptz;
ALTER TABLE alert ADD COLUMN answered_level text CHECK (answered_level IN ('blue', 'yellow', 'orange', 'red'));
UPDATE alert SET answered_level = level WHERE answered_at IS NOT NULL;

-- 'received': a monitor or responsible person has the alert; recorded with its level, it does not stop reminders.
ALTER TABLE alert_event DROP CONSTRAINT alert_event_type_check;
ALTER TABLE alert_event ADD CONSTRAINT alert_event_type_check
    CHECK (type IN ('raised', 'level_up', 'level_down', 'answered', 'received', 'resolved', 'expired'));

-- A warning from the rules is never a drill, whatever drill runs; an open one marked as a drill only because a drill
-- was running when it was raised is real from now on (closed ones keep the record they were published with).
UPDATE alert SET drill = false WHERE kind = 'warning' AND drill AND closed_at IS NULL;
