-- The registrar's worklist search (a patient id number, an accession number, a date of birth or the start of a last
-- name) finds its patients and cases through these indexes instead of reading every case with its patient.
create index patients_date_of_birth on patients (date_of_birth);
create index patients_name_last_prefix on patients (lower(items->>'nameLast') text_pattern_ops);
create index case_summary_accession_search on case_summary ((items->>'accessionNumberHosp'));
