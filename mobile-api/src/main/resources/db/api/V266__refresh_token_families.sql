-- Refresh tokens rotate within a family: each sign-in starts one, each refresh marks its token used and issues the
-- next of the same family. A used token presented again was copied, and its whole family is revoked.
ALTER TABLE refresh_token ADD COLUMN family uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE refresh_token ADD COLUMN used_at timestamptz;
CREATE INDEX refresh_token_family_idx ON refresh_token (family);
