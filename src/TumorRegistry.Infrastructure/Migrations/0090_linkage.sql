-- Patient linkage (docs/linkage.md). Identifiers here are PHI: read only by the linkage service, never logged.

-- The linkage keys of every registry patient, filled on demand from the patients read model (a row is refreshed when
-- its patient's version moved on). keys: the OR-blocking key values (BlockingKeys), searched with a GIN index.
create table linkage_keys (
    patient_id          uuid primary key,
    version             int not null,
    name_last           text,
    name_first          text,
    name_middle         text,
    name_birth_surname  text,
    date_of_birth       text,
    sex                 text,
    ssn                 text,
    postal_code         text,
    keys                bigint[] not null
);
create index linkage_keys_keys on linkage_keys using gin (keys);

-- Every estimate of m, u, p and the thresholds; the newest is used for incoming records.
create table linkage_models (
    id            bigserial primary key,
    estimated_at  timestamptz not null default now(),
    pairs         bigint not null,
    model         jsonb not null
);

-- Pairs found by the duplicate search: automatic links and the review band. status: review, linked (above the upper
-- threshold), confirmed or rejected (a registrar's decision, also an event on patient_a's stream).
create table linkage_pairs (
    id           bigserial primary key,
    patient_a    uuid not null,
    patient_b    uuid not null,
    weight       double precision not null,
    pattern      int not null,
    status       text not null,
    queued_at    timestamptz not null default now(),
    decided_by   text,
    decided_at   timestamptz,
    reason       text,
    unique (patient_a, patient_b)
);
create index linkage_pairs_status on linkage_pairs (status, queued_at);
