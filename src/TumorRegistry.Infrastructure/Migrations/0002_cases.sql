-- Read models of case abstraction, projected inline from the patient and tumor streams (rebuildable).

-- One row per patient: the current Patient items, with the ones reports filter on as columns.
create table patients (
    patient_id              uuid primary key,
    patient_id_number       text,
    sex                     text,       -- sex assigned at birth code of the PatientSex value: 1 male, 2 female, 9 other/unknown
    race1                   text,
    spanish_hispanic_origin text,
    date_of_birth           text,       -- NAACCR form: YYYY, YYYYMM or YYYYMMDD
    birth_year              int,
    vital_status            text,
    date_of_last_contact    text,
    cause_of_death          text,
    icd_revision_number     text,
    version                 int not null,
    items                   jsonb not null
);
create index patients_patient_id_number on patients (patient_id_number);

-- One row per tumor (case): status for worklists, the items statistics group by, and all Tumor items.
create table case_summary (
    case_id                  uuid primary key,
    patient_id               uuid not null,
    status                   text not null,  -- open, incomplete, failing_edits, completed, duplicate
    version                  int not null,
    reporting_facility       text,
    abstracted_by            text,           -- the registrar of the latest event on the case
    updated_at               timestamptz not null,
    primary_site             text,
    histology                text,
    behavior                 text,
    laterality               text,
    grade_clinical           text,
    grade_pathological       text,
    diagnostic_confirmation  text,
    date_of_diagnosis        text,           -- NAACCR form
    dx_year                  int,
    sequence_number          text,           -- sequenceNumberCentral, else sequenceNumberHospital
    class_of_case            text,
    type_of_reporting_source text,
    summary_stage_2018       text,
    addr_at_dx_state         text,
    county_at_dx             text,
    site_recode_2023         text,           -- SEER site recode (2023) of site, histology, behavior, year
    error_count              int not null,   -- error edits failing and not overridden
    failing_edits            text[] not null,
    overridden_edits         text[] not null,
    duplicate_of             uuid,
    items                    jsonb not null
);
create index case_summary_status on case_summary (status);
create index case_summary_facility on case_summary (reporting_facility);
create index case_summary_abstracted_by on case_summary (abstracted_by);
create index case_summary_year_site on case_summary (dx_year, site_recode_2023);
create index case_summary_state_county on case_summary (addr_at_dx_state, county_at_dx);
create index case_summary_patient on case_summary (patient_id);
