-- A person's sessions (their refresh tokens) end when their password changes or is removed, and when they lose a
-- role, whoever makes the change: the administration API, the registry import or a household update. Roles are
-- compared at commit, so deleting and re-inserting the same roles in one transaction (as the registry import does
-- on every run) ends nothing.
CREATE FUNCTION end_sessions_of_person(person bigint) RETURNS void LANGUAGE sql AS $$
    UPDATE refresh_token SET revoked_at = now() WHERE person_id = person AND revoked_at IS NULL;
$$;

CREATE FUNCTION end_sessions_on_password_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM end_sessions_of_person(NEW.id);
    RETURN NULL;
END $$;

CREATE TRIGGER person_password_change_ends_sessions AFTER UPDATE OF password_hash ON person
    FOR EACH ROW WHEN (OLD.password_hash IS DISTINCT FROM NEW.password_hash)
    EXECUTE FUNCTION end_sessions_on_password_change();

CREATE FUNCTION end_sessions_on_role_loss() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM person_role WHERE person_id = OLD.person_id AND role = OLD.role
                   AND county = OLD.county AND point_code = OLD.point_code) THEN
        PERFORM end_sessions_of_person(OLD.person_id);
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER person_role_loss_ends_sessions AFTER DELETE OR UPDATE ON person_role
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION end_sessions_on_role_loss();
