-- Disaster events (灾情): what happened (kind, place, time, the hazard point if it was one of the register; none for a
-- collapse off the register), the losses and casualties, the people who avoided harm because they were warned or
-- evacuated, the warning that preceded it if any, then the expert investigation, the handling and its funds, as a
-- county's duty officers record and correct them. 'Zero casualties at planned points' is counted from these rows.
CREATE TABLE disaster_event (
    id                 bigserial PRIMARY KEY,
    county             text NOT NULL CHECK (length(county) BETWEEN 1 AND 100),
    township           text,
    kind               text NOT NULL CHECK (kind IN
                           ('landslide', 'rockfall', 'debris_flow', 'ground_subsidence', 'ground_fissure', 'collapse')),
    point_code         text REFERENCES hazard_point (code),
    place              text NOT NULL,
    latitude           double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude          double precision CHECK (longitude BETWEEN -180 AND 180),
    occurred_at        timestamptz NOT NULL,
    volume_m3          double precision CHECK (volume_m3 >= 0),
    deaths             integer NOT NULL DEFAULT 0 CHECK (deaths >= 0),
    missing            integer NOT NULL DEFAULT 0 CHECK (missing >= 0),
    injured            integer NOT NULL DEFAULT 0 CHECK (injured >= 0),
    houses_destroyed   integer NOT NULL DEFAULT 0 CHECK (houses_destroyed >= 0),
    houses_damaged     integer NOT NULL DEFAULT 0 CHECK (houses_damaged >= 0),
    direct_loss_yuan   bigint CHECK (direct_loss_yuan >= 0),
    people_warned_safe integer NOT NULL DEFAULT 0 CHECK (people_warned_safe >= 0),
    alert_id           bigint REFERENCES alert (id),
    investigation      text,
    investigated_on    date,
    handling           text,
    funds_yuan         bigint CHECK (funds_yuan >= 0),
    notes              text,
    created_by         bigint NOT NULL REFERENCES person (id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX disaster_event_county_idx ON disaster_event (county, occurred_at DESC, id DESC);
CREATE INDEX disaster_event_point_idx ON disaster_event (point_code) WHERE point_code IS NOT NULL;
CREATE INDEX disaster_event_occurred_idx ON disaster_event (occurred_at);
