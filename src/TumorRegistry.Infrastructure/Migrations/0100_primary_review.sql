-- Multiple primary review worklist (projection PrimaryReviewProjection, inline, from the patient streams'
-- MultiplePrimaryQuestioned / MultiplePrimaryResolved events): one row per questionable decision.
create table primary_review (
    review_id        uuid primary key,
    patient_id       uuid not null,
    questioned_at    timestamptz not null,
    module           text not null,
    rule             text not null,
    reason           text not null,
    incoming_items   jsonb not null,
    compared_cases   uuid[] not null,
    resolved_at      timestamptz,
    decision         text,            -- same, new
    same_as_case_id  uuid,
    resolved_reason  text,
    resolved_by      text
);
create index primary_review_open on primary_review (questioned_at) where resolved_at is null;
create index primary_review_patient on primary_review (patient_id);
