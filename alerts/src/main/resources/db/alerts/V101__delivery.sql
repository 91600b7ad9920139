-- Who is told, and the transactional outbox of everything to send.

-- The apps' push tokens (registered through the API).
CREATE TABLE push_token (
    id           bigserial PRIMARY KEY,
    person_id    bigint NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    token        text   NOT NULL UNIQUE,
    platform     text   NOT NULL CHECK (platform IN ('android', 'ios', 'web')),
    language     text   NOT NULL DEFAULT 'zh',
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX push_token_person_idx ON push_token (person_id);

-- The duty roster: who is the duty officer or the leader on duty in a county, when.
CREATE TABLE duty_shift (
    id        bigserial PRIMARY KEY,
    county    text   NOT NULL,
    person_id bigint NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    role      text   NOT NULL CHECK (role IN ('duty_officer', 'leader')),
    starts_at timestamptz NOT NULL,
    ends_at   timestamptz NOT NULL,
    CHECK (starts_at < ends_at)
);
CREATE INDEX duty_shift_county_idx ON duty_shift (county, starts_at, ends_at);

-- Per point and level, the roles to tell, where an administrator changed the defaults.
CREATE TABLE recipient_policy (
    point_code text NOT NULL REFERENCES hazard_point (code),
    level      text NOT NULL CHECK (level IN ('blue', 'yellow', 'orange', 'red')),
    roles      text[] NOT NULL,
    sirens     boolean NOT NULL,
    PRIMARY KEY (point_code, level)
);

-- Everything to send, written in the same transaction as the alert change that causes it. One row per recipient
-- (a person, or a device for commands) and channel; the dispatcher leases due rows with FOR UPDATE SKIP LOCKED,
-- so a dispatcher that dies mid-send leaves them to be sent again when the lease runs out.
CREATE TABLE outbox (
    id              bigserial PRIMARY KEY,
    alert_id        bigint REFERENCES alert (id),
    person_id       bigint REFERENCES person (id),
    device_id       text REFERENCES device (id),
    channel         text NOT NULL CHECK (channel IN ('push', 'siren', 'sampling', 'sms')),
    purpose         text NOT NULL CHECK (purpose IN ('notify', 'reminder', 'escalation', 'all_clear')),
    payload         jsonb NOT NULL,
    drill           boolean NOT NULL DEFAULT false,
    state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    lease_until     timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    last_error      text,
    result          jsonb,
    CHECK (person_id IS NOT NULL OR device_id IS NOT NULL)
);
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE state IN ('pending', 'sending');
CREATE INDEX outbox_alert_idx ON outbox (alert_id);

-- Reminders and escalation of unanswered warnings.
ALTER TABLE alert ADD COLUMN reminders integer NOT NULL DEFAULT 0;
ALTER TABLE alert ADD COLUMN last_reminded_at timestamptz;
ALTER TABLE alert ADD COLUMN escalated_at timestamptz;
