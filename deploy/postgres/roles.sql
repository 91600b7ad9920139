-- The application's database role: it owns the tables its migrations create and nothing more. Run once as the
-- superuser, in the application's database (the compose stack does it at the database's first start, through
-- 10-geohazard-roles.sh). Re-runnable. The password is set apart (ALTER ROLE geohazard_app PASSWORD ...), so this
-- file holds no secret.
--
-- What the role cannot do, being no superuser: read or write the server's files (COPY ... FROM PROGRAM,
-- pg_read_file), create or alter roles, create databases, install extensions, change server settings, or reach
-- other databases of the server.

-- TimescaleDB is created here, by the superuser: creating it needs privileges the application does not get. Without
-- the extension available (plain PostgreSQL) this does nothing, and the gateway runs without TimescaleDB.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
    CREATE EXTENSION IF NOT EXISTS timescaledb;
  END IF;
END
$$;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'geohazard_app') THEN
    CREATE ROLE geohazard_app LOGIN;
  END IF;
END
$$;
ALTER ROLE geohazard_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT;

-- Only the application's role (and the superuser) may connect to the application's database.
DO $$
BEGIN
  EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO geohazard_app', current_database());
END
$$;

-- The migrations create their tables (and Flyway its history) in the public schema: the role may create there and
-- owns what it creates; nobody else may create there.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO geohazard_app;

-- The chart rollups wait for transactions still writing readings, which pg_stat_activity shows another role's
-- sessions only to members of pg_read_all_stats (read-only statistics; no data).
GRANT pg_read_all_stats TO geohazard_app;
