#!/bin/sh
# Runs once, at the database's first start (the image's /docker-entrypoint-initdb.d), as the superuser: creates the
# application's role from roles.sql and sets its password from GEOHAZARD_DB_PASSWORD.
set -eu
: "${GEOHAZARD_DB_PASSWORD:?set GEOHAZARD_DB_PASSWORD: the password of the application's database role}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -f /etc/geohazard/roles.sql
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$GEOHAZARD_DB_PASSWORD" <<'SQL'
ALTER ROLE geohazard_app PASSWORD :'app_password';
SQL
