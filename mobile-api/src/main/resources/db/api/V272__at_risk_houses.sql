-- At-risk houses: houses built against cut slopes (临切坡建房) and other buildings at risk, a register per county,
-- with the hazard point a house belongs to when it has one, and the inspections of each house with their findings.
CREATE TABLE at_risk_house (
    id          bigserial PRIMARY KEY,
    county      text NOT NULL CHECK (length(county) BETWEEN 1 AND 100),
    township    text,
    village     text,
    kind        text NOT NULL CHECK (kind IN ('cut_slope', 'other')),
    owner_name  text NOT NULL,
    owner_phone text,
    address     text,
    latitude    double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude   double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    risk_grade  text NOT NULL CHECK (risk_grade IN ('high', 'medium', 'low')),
    point_code  text REFERENCES hazard_point (code),
    measures    text,
    created_by  bigint NOT NULL REFERENCES person (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX at_risk_house_county_idx ON at_risk_house (county, id);
CREATE INDEX at_risk_house_point_idx ON at_risk_house (point_code) WHERE point_code IS NOT NULL;

CREATE TABLE house_inspection (
    id           bigserial PRIMARY KEY,
    house_id     bigint NOT NULL REFERENCES at_risk_house (id),
    person_id    bigint NOT NULL REFERENCES person (id),
    inspected_at timestamptz NOT NULL,
    findings     text NOT NULL,
    danger_found boolean NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX house_inspection_house_idx ON house_inspection (house_id, inspected_at DESC, id DESC);
