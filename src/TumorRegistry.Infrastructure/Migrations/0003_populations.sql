-- Population denominators for incidence rates: each imported file (SEER county population file or the simple CSV)
-- and its cells. Cells keep the file's own fields (registry, SEER race and origin, age as coded) so the file can be
-- exported back exactly, plus the label and the 19-group age the incidence tables join on.
create table populations (
    id           uuid primary key,
    name         text not null,
    format       text not null check (format in ('seer', 'csv')),
    age_coding   text not null check (age_coding in ('groups', 'single')),
    imported_at  timestamptz not null default now(),
    imported_by  text,
    line_count   int not null,
    cell_count   int not null,
    states       text[] not null,     -- postal codes in the file, so the newest population of a state is found without the cells
    first_year   int,
    last_year    int
);
create index populations_imported_at on populations (imported_at desc);

create table population_cells (
    population_id   uuid not null references populations (id) on delete cascade,
    ordinal         int not null,        -- position in the file, so an export writes the lines back in order
    year            int not null,
    state_postal    text not null,
    state_fips      text not null,       -- 2 digits
    county_fips     text not null,       -- 5 digits: state FIPS + county FIPS
    registry        text,                -- SEER files only
    seer_race       smallint,            -- SEER files only: 1 White, 2 Black, 3 AIAN, 4 API
    seer_origin     smallint,            -- SEER files only: 0 non-Hispanic, 1 Hispanic, 9 not applicable
    sex             smallint not null,   -- 1 male, 2 female
    race_ethnicity  text not null,       -- label shared with the case counts
    age             smallint not null,   -- as coded in the file (group or single year)
    age_group       smallint not null,   -- SEER 19 groups, 0-18
    population      bigint not null check (population >= 0),
    primary key (population_id, ordinal)
);
-- The incidence query reads one population's cells for a state and a range of years.
create index population_cells_state_year on population_cells (population_id, state_postal, year);
