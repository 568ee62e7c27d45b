-- Saved cohorts: a named definition of which cases (the survival/incidence cohort parameters, as the query string gives
-- them), reused by survival, incidence, export and clinical trial screening. Not identified data: criteria only.
create table saved_cohorts (
    name         text primary key,
    description  text,
    definition   jsonb not null,        -- {"site": "Breast", "stage": "1,2", "age": "20-49", ...}
    saved_by     text not null,
    saved_at     timestamptz not null,
    version      int not null           -- 1 on first save, +1 on each replace (reports cite name and version)
);
