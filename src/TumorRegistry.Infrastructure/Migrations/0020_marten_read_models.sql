-- The event store moved onto Marten (schema "marten"): this table is the async projection of registrar activity.
-- One row per day, registrar and event type; events counts what Marten's daemon has applied.
create table registrar_activity (
    day         date not null,
    registrar   text not null,
    event_type  text not null,
    events      int not null,
    primary key (day, registrar, event_type)
);
