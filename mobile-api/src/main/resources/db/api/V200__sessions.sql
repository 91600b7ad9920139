-- Sessions of the apps: refresh tokens (only their hash is stored) that a logout revokes, and sign-in attempts for
-- rate limiting per account and per address across API nodes. Versions 200-299 belong to the mobile-api module.
CREATE TABLE refresh_token (
    id         bigserial PRIMARY KEY,
    person_id  bigint NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    token_hash text   NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE INDEX refresh_token_person_idx ON refresh_token (person_id);

CREATE TABLE login_attempt (
    id        bigserial PRIMARY KEY,
    phone     text NOT NULL,
    address   text NOT NULL,
    at        timestamptz NOT NULL DEFAULT now(),
    succeeded boolean NOT NULL
);
CREATE INDEX login_attempt_phone_idx ON login_attempt (phone, at);
CREATE INDEX login_attempt_address_idx ON login_attempt (address, at);
