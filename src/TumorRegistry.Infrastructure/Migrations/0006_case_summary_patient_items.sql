-- The patient items the incidence count groups by, stored on each case row (as the patients projection stores them:
-- the sex code of the PatientSex value, Race 1 and Spanish/Hispanic Origin as abstracted), so the count reads
-- case_summary alone instead of hash joining patients. The case_summary projection refolds every case of a patient on a
-- patient event, so a sex or race correction reaches all of the patient's rows.
alter table case_summary add column patient_sex text;                       -- 1 male, 2 female, 9 other/unknown
alter table case_summary add column patient_race1 text;
alter table case_summary add column patient_spanish_hispanic_origin text;

-- Rows projected before this migration get the values the projection now writes, from the patients read model.
update case_summary c
set patient_sex = p.sex, patient_race1 = p.race1, patient_spanish_hispanic_origin = p.spanish_hispanic_origin
from patients p
where p.patient_id = c.patient_id;
