-- Photos of patrols and danger reports: the raw JPEG or PNG bytes, a few per record (the API bounds how many).
CREATE TABLE ledger_photo (
    id           bigserial PRIMARY KEY,
    patrol_id    bigint REFERENCES patrol (id) ON DELETE CASCADE,
    report_id    bigint REFERENCES danger_report (id) ON DELETE CASCADE,
    content_type text    NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    size_bytes   integer NOT NULL CHECK (size_bytes > 0),
    data         bytea   NOT NULL,
    uploaded_by  bigint  NOT NULL REFERENCES person (id),
    uploaded_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((patrol_id IS NULL) <> (report_id IS NULL))
);
CREATE INDEX ledger_photo_patrol_idx ON ledger_photo (patrol_id, id) WHERE patrol_id IS NOT NULL;
CREATE INDEX ledger_photo_report_idx ON ledger_photo (report_id, id) WHERE report_id IS NOT NULL;
