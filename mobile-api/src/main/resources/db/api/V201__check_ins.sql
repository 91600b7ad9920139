-- Residents' answers to a warning: safe, evacuated or need help, with an optional note and location. One per person
-- and alert; a later answer replaces the earlier one.
CREATE TABLE check_in (
    alert_id  bigint NOT NULL REFERENCES alert (id),
    person_id bigint NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    status    text   NOT NULL CHECK (status IN ('safe', 'evacuated', 'need_help')),
    note      text,
    latitude  double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude double precision CHECK (longitude BETWEEN -180 AND 180),
    at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (alert_id, person_id)
);
