-- The registry: hazard points, the devices installed at them, each device's channels (one sensor each), and people.

CREATE TABLE hazard_point (
    code             text PRIMARY KEY,
    name             text NOT NULL,
    hazard_type      text NOT NULL CHECK (hazard_type IN
                         ('landslide', 'rockfall', 'debris_flow', 'ground_subsidence', 'ground_fissure', 'unstable_slope')),
    latitude         double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude        double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    county           text NOT NULL,
    township         text,
    village          text,
    -- {"radius_m": 300} or a GeoJSON Polygon {"type": "Polygon", "coordinates": [...]}
    threatened_zone  jsonb,
    households       integer CHECK (households >= 0),
    people           integer CHECK (people >= 0),
    property_at_risk text,
    risk_level       text,
    status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'under_treatment', 'delisted')),
    -- resident-facing part of the plan: signal, route, assembly point, contact phones
    evacuation_plan  jsonb,
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE device (
    id                text PRIMARY KEY,
    point_code        text NOT NULL REFERENCES hazard_point (code),
    model             text,
    sample_interval_s integer NOT NULL DEFAULT 600 CHECK (sample_interval_s > 0),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX device_point_idx ON device (point_code);

-- One channel of a device measures one metric: the unit of storage for readings.
CREATE TABLE sensor (
    id         serial PRIMARY KEY,
    device_id  text NOT NULL REFERENCES device (id),
    channel    text NOT NULL,
    metric     text NOT NULL,
    unit       text NOT NULL,
    valid_min  double precision NOT NULL,
    valid_max  double precision NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (device_id, channel),
    CHECK (valid_min < valid_max)
);

CREATE TABLE person (
    id         bigserial PRIMARY KEY,
    name       text NOT NULL,
    phone      text NOT NULL UNIQUE,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- A role is held within a scope: a county, a hazard point, or (administrators) everywhere.
CREATE TABLE person_role (
    person_id  bigint NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    role       text NOT NULL CHECK (role IN
                   ('resident', 'monitor', 'responsible_person', 'duty_officer', 'leader', 'admin')),
    county     text NOT NULL DEFAULT '',
    point_code text NOT NULL DEFAULT '',
    PRIMARY KEY (person_id, role, county, point_code)
);
CREATE INDEX person_role_point_idx ON person_role (point_code) WHERE point_code <> '';
