-- Live events for the duty apps: every alert event and every change of a device's online state is announced on the
-- channel geohazard_live when its transaction commits, whichever process wrote it (gateway, API node, a script).
-- API nodes LISTEN on the channel and stream the events to their clients. Payloads stay far below NOTIFY's 8000 bytes.

-- An alert event as the live stream shows it; the stream's replay after a reconnection uses the same function.
CREATE FUNCTION live_alert_json(e alert_event) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT json_build_object('type', 'alert', 'event_id', e.id, 'event', e.type, 'alert_id', a.id,
                             'point', a.point_code, 'kind', a.kind, 'level', a.level, 'title', left(a.title, 300),
                             'drill', a.drill, 'at', e.at)::text
    FROM alert a WHERE a.id = e.alert_id
$$;

CREATE FUNCTION live_alert_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('geohazard_live', live_alert_json(NEW));
    RETURN NULL;
END $$;

CREATE TRIGGER alert_event_live AFTER INSERT ON alert_event
    FOR EACH ROW EXECUTE FUNCTION live_alert_event();

CREATE FUNCTION live_device_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('geohazard_live', (
        SELECT json_build_object('type', 'device', 'device', NEW.device_id, 'point', d.point_code,
                                 'online', NEW.online, 'battery_v', NEW.battery_v, 'at', now())::text
        FROM device d WHERE d.id = NEW.device_id));
    RETURN NULL;
END $$;

-- Only a change of the online state: device_state is updated by every batch of readings.
CREATE TRIGGER device_state_live_insert AFTER INSERT ON device_state
    FOR EACH ROW EXECUTE FUNCTION live_device_state();
CREATE TRIGGER device_state_live_update AFTER UPDATE OF online ON device_state
    FOR EACH ROW WHEN (OLD.online IS DISTINCT FROM NEW.online) EXECUTE FUNCTION live_device_state();
