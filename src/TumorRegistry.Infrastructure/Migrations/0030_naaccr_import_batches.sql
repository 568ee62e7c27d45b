-- NAACCR XML imports (issue 10): one row per import run, so a re-sent file is recognised by its hash and an
-- interrupted import can be rerun; and the registry a patient's Patient ID Number belongs to, for matching.
create table naaccr_import_batches (
    batch_id          uuid primary key,
    file_name         text not null,
    source            text not null,
    file_hash         text not null,          -- SHA-256 of the file's bytes, hex
    imported_by       text not null,
    started_at        timestamptz not null,
    finished_at       timestamptz,
    status            text not null,          -- running, completed, refused (the file), already_imported
    mode              text not null,          -- strict or relaxed
    patients_read     int not null default 0,
    tumors_read       int not null default 0,
    patients_created  int not null default 0,
    patients_matched  int not null default 0,
    tumors_created    int not null default 0,
    tumors_matched    int not null default 0,
    items_corrected   int not null default 0,
    records_refused   int not null default 0,
    cases_failing_edits int not null default 0,  -- created or corrected cases with error edits failing after the import
    refusals          jsonb not null default '[]'::jsonb,  -- problems: line, patient, tumor, item, message (no values)
    warnings          int not null default 0
);
create index naaccr_import_batches_hash on naaccr_import_batches (file_hash, status);

-- Patient ID Number [20] is unique within the registry that assigned it (Registry ID [40] of the file's root).
create table naaccr_patient_keys (
    registry_id        text not null,         -- '' when the file names none
    patient_id_number  text not null,
    patient_id         uuid not null,
    primary key (registry_id, patient_id_number)
);
create index naaccr_patient_keys_patient on naaccr_patient_keys (patient_id);

-- Tumors are matched on Reporting Facility + Accession Number--Hosp + Sequence Number--Hosp.
create index case_summary_accession on case_summary (reporting_facility, (items ->> 'accessionNumberHosp'), (items ->> 'sequenceNumberHospital'));
