-- One row per Hangfire background job that stored a follow-up snapshot, written in the same transaction as the
-- snapshot rows. Hangfire can run a job twice (its invisibility timeout expired while it ran, or its server died after
-- the commit); the second run finds its job id here and stores nothing.
create table follow_up_snapshot_runs (
    job_id text primary key,      -- Hangfire background job id
    as_of date not null,
    occurrence timestamptz,       -- the recurring occurrence that enqueued it (Hangfire's "Time" parameter); null when enqueued directly
    server_id text not null,      -- the Hangfire server that ran it
    taken_at timestamptz not null
);

comment on column follow_up_snapshots.job_instance_id is 'the Hangfire server that ran the snapshot job';
