-- The options the demo registry was generated with (seed, size, years, follow-up date), so a later start reuses the
-- data and writes its reports for the same years even when the calendar has moved on. One row; demo mode only.
create table demo_registry (
    id         int primary key default 1 check (id = 1),
    options    jsonb not null,
    loaded_at  timestamptz not null
);
