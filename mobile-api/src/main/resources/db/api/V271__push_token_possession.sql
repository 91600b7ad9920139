-- A push token moves to another person only by a fresh registration from the app that holds it. The app proves it
-- holds the token with its installation key (a random secret it keeps on the phone, sent with each registration;
-- only its SHA-256 hash is stored), and the registering session must have begun after the token's last registration,
-- so an older request replayed never moves it back. Tokens registered without a key stay with their person.
ALTER TABLE push_token ADD COLUMN installation_hash text;
ALTER TABLE push_token ADD COLUMN registered_at timestamptz;
UPDATE push_token SET registered_at = created_at;
ALTER TABLE push_token ALTER COLUMN registered_at SET DEFAULT now();
ALTER TABLE push_token ALTER COLUMN registered_at SET NOT NULL;
