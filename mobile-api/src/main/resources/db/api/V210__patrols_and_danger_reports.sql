-- The monitors' ledger (台账) of a hazard point: patrol records (巡查) and danger reports (险情报告). A report is open
-- until a duty officer raises an alert from it or dismisses it, once.
CREATE TABLE patrol (
    id           bigserial PRIMARY KEY,
    point_code   text    NOT NULL REFERENCES hazard_point (code),
    person_id    bigint  NOT NULL REFERENCES person (id),
    patrolled_at timestamptz NOT NULL,
    findings     text    NOT NULL,
    abnormal     boolean NOT NULL,
    latitude     double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude    double precision CHECK (longitude BETWEEN -180 AND 180),
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX patrol_point_idx ON patrol (point_code, patrolled_at DESC, id DESC);

CREATE TABLE danger_report (
    id              bigserial PRIMARY KEY,
    point_code      text   NOT NULL REFERENCES hazard_point (code),
    person_id       bigint NOT NULL REFERENCES person (id),
    reported_at     timestamptz NOT NULL DEFAULT now(),
    signs           text[] NOT NULL CHECK (cardinality(signs) BETWEEN 1 AND 10 AND signs <@ ARRAY['new_cracks',
                        'crack_widening', 'bulging', 'seepage_or_muddy_water', 'falling_rocks', 'ground_subsidence',
                        'tilting_trees_or_poles', 'unusual_sounds', 'well_or_spring_change', 'other']::text[]),
    description     text   NOT NULL,
    suggested_level text   NOT NULL CHECK (suggested_level IN ('blue', 'yellow', 'orange', 'red')),
    latitude        double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude       double precision CHECK (longitude BETWEEN -180 AND 180),
    drill           boolean NOT NULL DEFAULT false,
    state           text   NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'alert_raised', 'dismissed')),
    alert_id        bigint REFERENCES alert (id),
    decided_at      timestamptz,
    decided_by      bigint REFERENCES person (id),
    decision_note   text,
    CHECK ((latitude IS NULL) = (longitude IS NULL)),
    CHECK ((state = 'alert_raised') = (alert_id IS NOT NULL)),
    CHECK ((state = 'open') = (decided_at IS NULL))
);
CREATE INDEX danger_report_point_idx ON danger_report (point_code, id DESC);
CREATE INDEX danger_report_open_idx ON danger_report (id DESC) WHERE state = 'open';

-- The duty apps' live stream listens on this channel: every new report and every decision on one.
CREATE FUNCTION danger_report_live() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('geohazard_live', json_build_object('type', 'report', 'id', NEW.id, 'point', NEW.point_code,
        'state', NEW.state, 'level', NEW.suggested_level)::text);
    RETURN NEW;
END
$$;
CREATE TRIGGER danger_report_live AFTER INSERT OR UPDATE ON danger_report
    FOR EACH ROW EXECUTE FUNCTION danger_report_live();
