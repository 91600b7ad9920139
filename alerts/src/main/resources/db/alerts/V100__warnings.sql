-- The warning engine's tables. Versions 100-199 belong to the alerts module.

-- Rules per hazard point; the definition is the validated rule from the registry file (docs/rules.md).
CREATE TABLE warning_rule (
    id         bigserial PRIMARY KEY,
    point_code text  NOT NULL REFERENCES hazard_point (code),
    name       text  NOT NULL,
    definition jsonb NOT NULL,
    enabled    boolean NOT NULL DEFAULT true,
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (point_code, name)
);

-- What each rule remembers between evaluations: level, pending raise, pending lowering, sample-time watermark.
CREATE TABLE rule_state (
    rule_id          bigint PRIMARY KEY REFERENCES warning_rule (id) ON DELETE CASCADE,
    severity         smallint NOT NULL,
    pending_severity smallint NOT NULL,
    pending_samples  integer  NOT NULL,
    pending_since    bigint   NOT NULL,
    clear_since      bigint   NOT NULL,
    evaluated_to     bigint   NOT NULL,
    last_value       double precision,
    updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Per hazard point: its current warning level and when it was last evaluated.
CREATE TABLE point_evaluation (
    point_code   text PRIMARY KEY REFERENCES hazard_point (code),
    severity     smallint NOT NULL,
    evaluated_at timestamptz NOT NULL
);

-- Alerts: warnings from the rules, device health, and manual alerts, each with its audit trail in alert_event.
-- source names what the alert is about: 'warning' (the point's level), 'device:<id>:<condition>', 'manual:<n>'.
CREATE TABLE alert (
    id          bigserial PRIMARY KEY,
    point_code  text NOT NULL REFERENCES hazard_point (code),
    source      text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('warning', 'device', 'manual')),
    level       text CHECK (level IN ('blue', 'yellow', 'orange', 'red')),
    title       text NOT NULL,
    drill       boolean NOT NULL DEFAULT false,
    raised_at   timestamptz NOT NULL DEFAULT now(),
    answered_at timestamptz,
    answered_by bigint REFERENCES person (id),
    closed_at   timestamptz,
    closed_by   bigint REFERENCES person (id),
    close_note  text
);
-- One open alert per (point, source), enforced here rather than hoped for.
CREATE UNIQUE INDEX alert_one_open ON alert (point_code, source) WHERE closed_at IS NULL;
CREATE INDEX alert_raised_idx ON alert (raised_at DESC);

CREATE TABLE alert_event (
    id       bigserial PRIMARY KEY,
    alert_id bigint NOT NULL REFERENCES alert (id),
    at       timestamptz NOT NULL DEFAULT now(),
    type     text NOT NULL CHECK (type IN ('raised', 'level_up', 'level_down', 'answered', 'resolved', 'expired')),
    level    text,
    actor    bigint REFERENCES person (id),
    note     text,
    detail   jsonb
);
CREATE INDEX alert_event_alert_idx ON alert_event (alert_id, id);
