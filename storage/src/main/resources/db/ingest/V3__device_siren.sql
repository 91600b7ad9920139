-- On-site sirens and broadcasters are devices too: they receive the siren command of device contract v1.
ALTER TABLE device ADD COLUMN siren boolean NOT NULL DEFAULT false;
