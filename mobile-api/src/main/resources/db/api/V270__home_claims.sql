-- A home grants nothing by itself. Where a person's home comes from decides what it does:
--   'registry': recorded by administrators (the people API, the residents import, the registry file): the person is a
--               resident of every point whose zone holds it, as before;
--   'self':     set by the person in the app: they are a resident at once only of the points they are staff of; for
--               any other point whose zone holds it, a claim waits for that point's staff to confirm or reject it.
-- Homes recorded before this version count as 'registry', so nobody who receives warnings today stops receiving them.
ALTER TABLE person ADD COLUMN home_origin text NOT NULL DEFAULT 'registry' CHECK (home_origin IN ('registry', 'self'));

-- A claim is about the person's current home: setting another home drops their claims. A rejected claim stays, so
-- setting the same home again does not ask the staff again.
CREATE TABLE home_claim (
    person_id  bigint NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    point_code text   NOT NULL REFERENCES hazard_point (code),
    state      text   NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'confirmed', 'rejected')),
    claimed_at timestamptz NOT NULL DEFAULT now(),
    decided_by bigint REFERENCES person (id) ON DELETE SET NULL,
    decided_at timestamptz,
    PRIMARY KEY (person_id, point_code)
);
CREATE INDEX home_claim_pending_idx ON home_claim (point_code, claimed_at) WHERE state = 'pending';
