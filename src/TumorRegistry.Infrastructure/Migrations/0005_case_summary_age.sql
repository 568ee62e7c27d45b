-- Age at diagnosis stored in the case read model, so incidence and survival queries read a column instead of the
-- TOASTed items and the dates; and the state at diagnosis stored trimmed and upper case, so they compare it directly
-- (the planner can estimate a plain column, not upper(trim(...))).
alter table case_summary add column age_at_diagnosis int;   -- null when unknown

-- Rows projected before this migration get the same values the projection now writes (Derived.AgeForStatistics):
-- the abstracted ageAtDiagnosis when it is 000-120, else completed years between the dates of birth and diagnosis,
-- a year less when the birthday (month, then day, where both dates have them) falls later; null when negative.
update case_summary set addr_at_dx_state = upper(trim(addr_at_dx_state))
where addr_at_dx_state is distinct from upper(trim(addr_at_dx_state));

update case_summary t set age_at_diagnosis = x.age
from (
    select c.case_id,
           coalesce(substring(c.items->>'ageAtDiagnosis' from '^(?:0[0-9][0-9]|1[01][0-9]|120)$')::int,
                    case when y.years >= 0 then y.years end) as age
    from case_summary c
    left join patients p on p.patient_id = c.patient_id
    cross join lateral (select c.dx_year - p.birth_year - case
            when substr(c.date_of_diagnosis, 5, 2) !~ '^(0[1-9]|1[0-2])$' or substr(p.date_of_birth, 5, 2) !~ '^(0[1-9]|1[0-2])$' then 0
            when substr(c.date_of_diagnosis, 5, 2) < substr(p.date_of_birth, 5, 2) then 1
            when substr(c.date_of_diagnosis, 5, 2) > substr(p.date_of_birth, 5, 2) then 0
            when substr(c.date_of_diagnosis, 7, 2) ~ '^(0[1-9]|[12][0-9]|3[01])$'
             and substr(p.date_of_birth, 7, 2) ~ '^(0[1-9]|[12][0-9]|3[01])$'
             and substr(c.date_of_diagnosis, 7, 2) < substr(p.date_of_birth, 7, 2) then 1
            else 0 end as years) y
) x
where x.case_id = t.case_id and x.age is not null;
