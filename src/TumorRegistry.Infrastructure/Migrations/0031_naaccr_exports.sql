-- NAACCR exports (issue 10) run as background jobs: one row per export asked for, polled until its file is ready.
create table naaccr_exports (
    export_id     uuid primary key,
    requested_by  text not null,
    requested_at  timestamptz not null,
    request       jsonb not null,          -- the cohort and options, as asked (no item values)
    deidentified  boolean not null,
    status        text not null,           -- queued, running, completed, failed
    finished_at   timestamptz,
    patients      int,
    tumors        int,
    file_name     text,
    content_type  text,
    error         text
);
create index naaccr_exports_requested_by on naaccr_exports (requested_by, requested_at);
