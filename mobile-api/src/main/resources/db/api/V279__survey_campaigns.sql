-- Survey campaigns (排查): a county's campaign before, during or after the flood season or after a storm lists what
-- it must cover (hazard points, including struck-off points for the re-check, 回头看, and at-risk houses); monitors
-- and staff record inspections against it; a finding may propose a new hazard point for the administrators.
CREATE TABLE survey_campaign (
    id         bigserial PRIMARY KEY,
    county     text NOT NULL CHECK (length(county) BETWEEN 1 AND 100),
    kind       text NOT NULL CHECK (kind IN ('pre_flood', 'in_season', 'post_flood', 'after_storm')),
    title      text NOT NULL,
    starts_on  date NOT NULL,
    ends_on    date NOT NULL CHECK (ends_on >= starts_on),
    notes      text,
    created_by bigint NOT NULL REFERENCES person (id),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX survey_campaign_county_idx ON survey_campaign (county, starts_on DESC, id DESC);

-- What a campaign must cover: a point or a house; 'recheck' marks a struck-off point listed for the re-check.
CREATE TABLE campaign_target (
    id          bigserial PRIMARY KEY,
    campaign_id bigint NOT NULL REFERENCES survey_campaign (id),
    point_code  text REFERENCES hazard_point (code),
    house_id    bigint REFERENCES at_risk_house (id),
    recheck     boolean NOT NULL DEFAULT false,
    CHECK ((point_code IS NULL) <> (house_id IS NULL)),
    UNIQUE (campaign_id, point_code),
    UNIQUE (campaign_id, house_id)
);

CREATE TABLE campaign_inspection (
    id           bigserial PRIMARY KEY,
    target_id    bigint NOT NULL REFERENCES campaign_target (id),
    person_id    bigint NOT NULL REFERENCES person (id),
    inspected_at timestamptz NOT NULL,
    findings     text NOT NULL,
    danger_found boolean NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX campaign_inspection_target_idx ON campaign_inspection (target_id, inspected_at DESC);

-- A new hazard point a finding proposes, until an administrator registers it (naming the point) or declines it.
CREATE TABLE point_proposal (
    id            bigserial PRIMARY KEY,
    inspection_id bigint NOT NULL UNIQUE REFERENCES campaign_inspection (id),
    county        text NOT NULL,
    name          text NOT NULL,
    hazard_type   text NOT NULL,
    latitude      double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude     double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    description   text NOT NULL,
    state         text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'registered', 'declined')),
    point_code    text REFERENCES hazard_point (code),
    decided_by    bigint REFERENCES person (id),
    decided_at    timestamptz,
    decision_note text,
    CHECK (state <> 'registered' OR point_code IS NOT NULL)
);
CREATE INDEX point_proposal_open_idx ON point_proposal (county, id) WHERE state = 'open';
