-- Population life tables for relative and net survival: annual probability of dying (qx) by single year of age,
-- calendar year, sex and optionally race, imported from CSV and picked by name in survival reports.
create table population_life_tables (
    name         text primary key,
    description  text,
    by_race      boolean not null,
    imported_at  timestamptz not null default now(),
    imported_by  text,
    row_count    int not null
);

create table population_life_table_rates (
    name  text not null references population_life_tables (name) on delete cascade,
    sex   text not null,
    race  text not null default '',   -- '' when the table is not by race
    year  int not null,
    age   int not null,
    qx    double precision not null check (qx >= 0 and qx < 1),
    primary key (name, sex, race, year, age)
);
