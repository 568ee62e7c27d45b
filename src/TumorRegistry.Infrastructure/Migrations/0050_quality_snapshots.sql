-- Monthly data quality snapshots, written by the recurring job quality-snapshot (QualitySnapshotJob): for each of the
-- diagnosis years being worked on, one row per indicator for the registry ('all') and for each reporting facility
-- ('none': cases without one). A rerun in the same month replaces that month's rows (upsert on the key), so a month
-- never has two snapshots. Counts only: no patient or case identifier is stored.
create table quality_snapshots (
    month       date not null,              -- first day of the month the snapshot was taken in
    dx_year     int not null,
    facility    text not null,
    indicator   text not null,              -- completeness, dco, duplicates, passing-edits, missing-*, timeliness-N
    records     int not null,
    numerator   int not null,
    denominator double precision,           -- the expected count for completeness; null when there is none
    value       double precision,           -- percent, or per 1,000 for duplicates; null without a denominator
    marks       jsonb not null,             -- [{"standard": "naaccr-gold", "pass": true}, ...]
    taken_at    timestamptz not null,
    job_id      text not null,              -- the Hangfire job that wrote the row
    primary key (month, dx_year, facility, indicator)
);
