-- The event store: one row per stream, one row per event. Events are never updated or deleted.
create table streams (
    id          uuid primary key,
    type        text not null,
    version     int not null,
    created_at  timestamptz not null,
    archived    boolean not null default false
);

create sequence events_seq as bigint;

create table events (
    seq             bigint primary key default nextval('events_seq'),
    stream_id       uuid not null references streams(id),
    version         int not null,
    type            text not null,
    schema_version  int not null,
    data            jsonb not null,
    metadata        jsonb not null,
    recorded_at     timestamptz not null,
    constraint events_stream_version unique (stream_id, version)
);
create index events_recorded_at on events (stream_id, recorded_at);

-- Where each async projection has got to in the global sequence.
create table projection_checkpoints (
    name        text primary key,
    position    bigint not null,
    updated_at  timestamptz not null default now()
);
