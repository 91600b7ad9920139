-- Hazard-assessment queries (the check before a construction project is approved): each query made through the API,
-- the project it was made for when one was named, what it found, and the county whose duty room asked (the one
-- county of the asker's roles; none for administrators and people of several counties), so the year counts them.
CREATE TABLE hazard_assessment_query (
    id           bigserial PRIMARY KEY,
    person_id    bigint NOT NULL REFERENCES person (id),
    asked_at     timestamptz NOT NULL DEFAULT now(),
    county       text,
    project      text,
    query        jsonb NOT NULL,
    points_found integer NOT NULL CHECK (points_found >= 0)
);
CREATE INDEX hazard_assessment_query_county_idx ON hazard_assessment_query (county, asked_at);
