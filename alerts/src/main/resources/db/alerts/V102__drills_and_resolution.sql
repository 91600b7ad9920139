-- Drills: while one runs for a point (or for the whole deployment, point_code NULL), the alerts raised there and all
-- their messages are marked as drills.
CREATE TABLE drill (
    id         bigserial PRIMARY KEY,
    point_code text REFERENCES hazard_point (code),
    note       text,
    started_at timestamptz NOT NULL DEFAULT now(),
    started_by bigint REFERENCES person (id),
    ended_at   timestamptz,
    ended_by   bigint REFERENCES person (id)
);
CREATE UNIQUE INDEX drill_one_running ON drill (coalesce(point_code, '*')) WHERE ended_at IS NULL;

-- A warning a duty officer resolved stays resolved while its level holds; only a higher level raises a new one.
ALTER TABLE point_evaluation ADD COLUMN resolved_severity smallint NOT NULL DEFAULT 0;
