-- A resident who checks in as needing help opens a help request: it reaches the duty officers, the point's monitors
-- and responsible persons through the outbox at once, and is reminded (and escalated to the leader on duty) until a
-- staff member takes it on, the resident checks in safe or evacuated, or the alert ends.

-- Staff record check-ins for villagers reached by phone or at the door: who recorded it and how the villager was
-- reached (both NULL: the resident's own app).
ALTER TABLE check_in ADD COLUMN recorded_by bigint REFERENCES person (id);
ALTER TABLE check_in ADD COLUMN recorded_via text CHECK (recorded_via IN ('phone', 'in_person'));
ALTER TABLE check_in ADD CONSTRAINT check_in_recorded CHECK ((recorded_by IS NULL) = (recorded_via IS NULL));

CREATE TABLE help_request (
    id               bigserial PRIMARY KEY,
    alert_id         bigint NOT NULL REFERENCES alert (id),
    person_id        bigint NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    note             text,
    latitude         double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude        double precision CHECK (longitude BETWEEN -180 AND 180),
    asked_at         timestamptz NOT NULL DEFAULT now(),
    recorded_by      bigint REFERENCES person (id),
    -- open: nobody has it yet; taken: a staff member took it on; safe/evacuated: the resident later checked in so
    -- (taken_by stays when someone had taken it on); ended: the alert ended while nobody had taken it on
    state            text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'taken', 'safe', 'evacuated', 'ended')),
    taken_by         bigint REFERENCES person (id),
    taken_at         timestamptz,
    closed_at        timestamptz,
    reminders        integer NOT NULL DEFAULT 0,
    last_reminded_at timestamptz,
    escalated_at     timestamptz,
    CHECK (state <> 'taken' OR (taken_by IS NOT NULL AND taken_at IS NOT NULL)),
    CHECK ((state IN ('open', 'taken')) = (closed_at IS NULL))
);
-- at most one request per resident and alert that still needs someone (open) or has someone (taken)
CREATE UNIQUE INDEX help_request_current ON help_request (alert_id, person_id) WHERE state IN ('open', 'taken');
CREATE INDEX help_request_open_idx ON help_request (asked_at) WHERE state = 'open';
-- the roll call and the residents' own warnings read each resident's latest request on an alert
CREATE INDEX help_request_latest_idx ON help_request (alert_id, person_id, id DESC);

-- Help messages go through the outbox like a danger report's: no alert_id (a change of the alert's level must never
-- supersede a call for help), the request in help_request_id.
ALTER TABLE outbox DROP CONSTRAINT outbox_purpose_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_purpose_check
    CHECK (purpose IN ('notify', 'reminder', 'escalation', 'all_clear', 'report',
                       'help', 'help_reminder', 'help_escalation', 'help_taken'));
ALTER TABLE outbox ADD COLUMN help_request_id bigint REFERENCES help_request (id);
CREATE INDEX outbox_help_request_idx ON outbox (help_request_id) WHERE help_request_id IS NOT NULL;

-- The duty apps' live stream: a new help request and every change of its state, as an event of type 'help'.
CREATE FUNCTION live_help_request() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('geohazard_live', (
        SELECT json_build_object('type', 'help', 'id', NEW.id, 'alert_id', NEW.alert_id, 'point', a.point_code,
                                 'person', NEW.person_id, 'name', left(p.name, 100), 'state', NEW.state,
                                 'taken_by', NEW.taken_by, 'drill', a.drill,
                                 'at', coalesce(NEW.closed_at, NEW.taken_at, NEW.asked_at))::text
        FROM alert a, person p WHERE a.id = NEW.alert_id AND p.id = NEW.person_id));
    RETURN NULL;
END $$;

CREATE TRIGGER help_request_live_insert AFTER INSERT ON help_request
    FOR EACH ROW EXECUTE FUNCTION live_help_request();
CREATE TRIGGER help_request_live_update AFTER UPDATE OF state ON help_request
    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state) EXECUTE FUNCTION live_help_request();
