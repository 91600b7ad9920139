-- Where the registry's truth lies (gateway setting registry.mode).
-- api: a registry file seeds an empty database once; the seed is recorded here so it never runs again.
CREATE TABLE registry_seed (
    source    text PRIMARY KEY,           -- the file's path, or 'demo registry'
    digest    text NOT NULL,              -- SHA-256 of the text that seeded (a changed file is reported, not imported)
    seeded_at timestamptz NOT NULL DEFAULT now()
);

-- file: what the file imported at the last start owns; the administration API refuses to change it.
-- Emptied whenever the gateway starts in api mode.
CREATE TABLE registry_owned (
    kind text NOT NULL CHECK (kind IN ('point', 'device', 'person', 'roster')),
    key  text NOT NULL,                   -- point code, device id, phone, or the county of a roster
    file text NOT NULL,
    PRIMARY KEY (kind, key)
);
