-- Electronic reports (issue 14, casefinding). Each report stored whole as received, once per content: a re-send with
-- the same SHA-256 is the same row. Append-only: the triggers refuse updates and deletes.
create table electronic_reports (
    id            uuid primary key,
    sha256        text not null unique,
    format        text not null,            -- hl7v2 | fhir
    content_type  text not null,
    source        text not null,            -- who sent it (the sender's label, else the principal)
    received_at   timestamptz not null,
    received_by   text not null,
    raw           bytea not null
);

-- The report's stream: past-tense events numbered from 1, never changed (ElectronicReportReceived, ReportScreened, ...).
create table electronic_report_events (
    report_id     uuid not null references electronic_reports(id),
    version       int not null,
    type          text not null,
    schema_version int not null default 1,
    data          jsonb not null,
    recorded_by   text not null,
    recorded_at   timestamptz not null,
    primary key (report_id, version)
);

create function electronic_reports_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'electronic reports and their events are append-only';
end $$;
create trigger electronic_reports_no_change before update or delete on electronic_reports
    for each row execute function electronic_reports_append_only();
create trigger electronic_report_events_no_change before update or delete on electronic_report_events
    for each row execute function electronic_reports_append_only();

-- The casefinding queue: a read model folded from the events (CasefindingQueueEntry), written in the event's transaction.
create table casefinding_queue (
    report_id          uuid primary key references electronic_reports(id),
    status             text not null,       -- new | in_progress | resolved | not_reportable
    reportable         boolean not null,
    screening          text not null,       -- why, in words
    resolution         text,
    format             text not null,
    source             text not null,
    received_at        timestamptz not null,
    reporting_facility text,
    primary_site       text,
    histology          text,
    behavior           text,
    date_of_diagnosis  text,
    version            int not null,
    updated_at         timestamptz not null
);
create index casefinding_queue_status on casefinding_queue (status, received_at);
