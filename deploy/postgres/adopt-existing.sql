-- For a database created before the application had a role of its own (the gateway connected as the superuser that
-- owns every table): run roles.sql, then this, as that superuser, in the application's database. It gives
-- geohazard_app what the migrations created in the public schema (tables, views, continuous aggregates, sequences
-- and functions), leaving extensions' objects alone. Re-runnable.
DO $$
DECLARE
  item record;
  caggs boolean := to_regclass('timescaledb_information.continuous_aggregates') IS NOT NULL;
  is_cagg boolean;
BEGIN
  FOR item IN
    SELECT c.oid::regclass AS name, c.relkind, c.relname
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
      AND pg_get_userbyid(c.relowner) <> 'geohazard_app'
      -- objects of an extension stay its own; sequences of a table's column follow their table
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                      AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.deptype IN ('a', 'i'))))
  LOOP
    is_cagg := false;
    IF caggs AND item.relkind = 'v' THEN
      EXECUTE 'SELECT EXISTS (SELECT 1 FROM timescaledb_information.continuous_aggregates'
          || ' WHERE view_schema = ''public'' AND view_name = $1)' INTO is_cagg USING item.relname;
    END IF;
    EXECUTE format('ALTER %s %s OWNER TO geohazard_app',
        CASE WHEN is_cagg OR item.relkind = 'm' THEN 'MATERIALIZED VIEW' WHEN item.relkind = 'v' THEN 'VIEW'
             WHEN item.relkind = 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, item.name);
  END LOOP;
  FOR item IN
    SELECT p.oid::regprocedure AS name
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> 'geohazard_app'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                      AND d.deptype = 'e')
  LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO geohazard_app', item.name);
  END LOOP;
END
$$;
