-- Daily follow-up workload snapshots, written by the nightly snapshot job (FollowUpSnapshotJob): one row per reporting
-- facility and one for all facilities ('all'; cases without a reporting facility are 'none'). A rerun on the same day
-- replaces the day's rows (upsert on as_of, facility), so there is never more than one row per facility and day.
create table follow_up_snapshots (
    as_of date not null,
    facility text not null,
    reference_year int not null,
    due_count int not null,
    lost_count int not null,
    since_reference_year_cases int not null,     -- denominator of the 80% rate
    since_reference_year_followed int not null,  -- numerator
    since_reference_year_rate double precision,  -- null without cases
    last_five_years_cases int not null,          -- denominator of the 90% rate
    last_five_years_followed int not null,       -- numerator
    last_five_years_rate double precision,
    taken_at timestamptz not null,
    job_instance_id text not null,               -- the scheduler node (service process) that ran the job
    primary key (as_of, facility)
);
