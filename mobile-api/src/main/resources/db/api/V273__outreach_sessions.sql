-- Training and outreach: sessions a county holds (training of monitors and officials, outreach to villagers), where
-- and when, how many attended, and which villages they reached.
CREATE TABLE outreach_session (
    id         bigserial PRIMARY KEY,
    county     text NOT NULL CHECK (length(county) BETWEEN 1 AND 100),
    kind       text NOT NULL CHECK (kind IN ('training', 'outreach')),
    title      text NOT NULL,
    place      text NOT NULL,
    held_on    date NOT NULL,
    attendance integer NOT NULL CHECK (attendance BETWEEN 0 AND 1000000),
    villages   text[] NOT NULL DEFAULT '{}',
    notes      text,
    created_by bigint NOT NULL REFERENCES person (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outreach_session_county_idx ON outreach_session (county, held_on DESC, id DESC);
