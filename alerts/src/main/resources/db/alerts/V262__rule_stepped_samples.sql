-- The sample times each rule has stepped in the last stretch below its watermark (alerts.late-after-s long), so that
-- a sample committed after newer ones (a gateway that fell behind, a slow commit) is found and stepped exactly once.
-- Times above stepped_from and at or below evaluated_to are all listed when stepped; NULL: nothing listed yet.
ALTER TABLE rule_state ADD COLUMN stepped_from bigint, ADD COLUMN stepped bigint[];
