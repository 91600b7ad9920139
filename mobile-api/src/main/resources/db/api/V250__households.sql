-- Households: a person's home location decides which hazard points they are a resident of (the points whose
-- threatened zone contains it). Resident roles computed from the home are marked 'zone' and are recomputed whenever
-- the home, or a point's zone or location, changes; roles an administrator gave are 'assigned' and a recomputation
-- never touches them. When both apply to the same point the row is 'assigned'.
ALTER TABLE person ADD COLUMN home_latitude  double precision CHECK (home_latitude BETWEEN -90 AND 90);
ALTER TABLE person ADD COLUMN home_longitude double precision CHECK (home_longitude BETWEEN -180 AND 180);
ALTER TABLE person ADD CONSTRAINT person_home_both CHECK ((home_latitude IS NULL) = (home_longitude IS NULL));
CREATE INDEX person_home_idx ON person (home_latitude, home_longitude) WHERE home_latitude IS NOT NULL;

ALTER TABLE person_role ADD COLUMN origin text NOT NULL DEFAULT 'assigned' CHECK (origin IN ('assigned', 'zone'));
ALTER TABLE person_role ADD CONSTRAINT person_role_zone_resident CHECK (origin = 'assigned' OR role = 'resident');

CREATE INDEX hazard_point_location_idx ON hazard_point (latitude, longitude);
