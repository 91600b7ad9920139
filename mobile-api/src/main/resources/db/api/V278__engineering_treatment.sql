-- Engineering treatment (工程治理) of hazard points: a project per point under treatment, with its stage, dates and
-- acceptance; and the strike-off (销号) of a point with its reason and evidence. A struck-off point keeps its row
-- (status 'delisted'), its history and its place in re-check campaigns.
CREATE TABLE treatment_project (
    id           bigserial PRIMARY KEY,
    point_code   text NOT NULL REFERENCES hazard_point (code),
    name         text NOT NULL,
    method       text,
    stage        text NOT NULL CHECK (stage IN ('design', 'construction', 'completed', 'accepted')),
    started_on   date,
    completed_on date,
    accepted_on  date,
    acceptance   text,
    funds_yuan   bigint CHECK (funds_yuan >= 0),
    notes        text,
    created_by   bigint NOT NULL REFERENCES person (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (stage <> 'accepted' OR accepted_on IS NOT NULL),
    CHECK (completed_on IS NULL OR started_on IS NULL OR completed_on >= started_on),
    CHECK (accepted_on IS NULL OR completed_on IS NULL OR accepted_on >= completed_on)
);
CREATE INDEX treatment_project_point_idx ON treatment_project (point_code, id);

CREATE TABLE point_strike_off (
    id            bigserial PRIMARY KEY,
    point_code    text NOT NULL REFERENCES hazard_point (code),
    reason        text NOT NULL CHECK (reason IN ('treated', 'relocated', 'stabilized', 'misjudged', 'other')),
    evidence      text NOT NULL,
    treatment_id  bigint REFERENCES treatment_project (id),
    struck_off_on date NOT NULL,
    recorded_by   bigint NOT NULL REFERENCES person (id),
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX point_strike_off_point_idx ON point_strike_off (point_code, struck_off_on DESC);
