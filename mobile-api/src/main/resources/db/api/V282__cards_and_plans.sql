-- Two cards and one plan (两卡一案) as issued items. A card handed over is kept as it was printed: the work card
-- (工作明白卡) of a point's monitor, the avoidance card (避险明白卡) of a household's resident, with the day, who
-- handed it over and who recorded it; a later change of the registry does not rewrite what people hold. A point's
-- emergency plan (应急预案) has versions 1, 2, ... each with what changed and, as it stood then, the point's
-- evacuation plan.
CREATE TABLE card_issue (
    id             bigserial PRIMARY KEY,
    kind           text NOT NULL CHECK (kind IN ('work', 'avoidance')),
    point_code     text NOT NULL REFERENCES hazard_point (code),
    person_id      bigint NOT NULL REFERENCES person (id),
    card_text      text NOT NULL,
    issued_on      date NOT NULL,
    handed_over_by bigint NOT NULL REFERENCES person (id),
    recorded_by    bigint NOT NULL REFERENCES person (id),
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX card_issue_point_idx ON card_issue (point_code, kind, person_id);
CREATE INDEX card_issue_person_idx ON card_issue (person_id);

CREATE TABLE point_plan_version (
    id          bigserial PRIMARY KEY,
    point_code  text NOT NULL REFERENCES hazard_point (code),
    version     integer NOT NULL CHECK (version >= 1),
    plan_text   text NOT NULL,
    changes     text NOT NULL,
    approved_on date,
    evacuation  jsonb,
    created_by  bigint NOT NULL REFERENCES person (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (point_code, version)
);
