-- Local accounts (password hashes from ASP.NET Core's PasswordHasher), API keys (SHA-256 of a random secret; the
-- secret is shown once) and the facilities a patient was registered for before any case names one.
create table registry_users (
    user_name text primary key,
    password_hash text not null,
    roles text[] not null,
    facilities text[] not null,
    failed_attempts int not null default 0,
    locked_until timestamptz,
    disabled boolean not null default false,
    created_at timestamptz not null default now()
);

create table api_keys (
    id uuid primary key,
    secret_hash bytea not null,
    owner text not null,
    description text,
    roles text[] not null,
    facilities text[] not null,
    expires_at timestamptz not null,
    revoked_at timestamptz,
    created_at timestamptz not null default now()
);

create table patient_facilities (
    patient_id uuid not null,
    facility text not null,
    primary key (patient_id, facility)
);

-- Every read and change of identified data. Append-only: UPDATE, DELETE and TRUNCATE raise, whoever runs them.
create table phi_audit (
    id bigint generated always as identity primary key,
    at timestamptz not null default now(),
    user_name text not null,
    patient_id uuid,
    case_id uuid,
    action text not null,
    remote_address text,
    outcome text not null,
    detail text
);
create index phi_audit_patient on phi_audit (patient_id, at);
create index phi_audit_case on phi_audit (case_id, at);
create index phi_audit_user on phi_audit (user_name, at);

create function phi_audit_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'phi_audit is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end $$;
create trigger phi_audit_no_update_delete before update or delete on phi_audit
    for each row execute function phi_audit_is_append_only();
create trigger phi_audit_no_truncate before truncate on phi_audit
    for each statement execute function phi_audit_is_append_only();
revoke update, delete, truncate on phi_audit from public;
