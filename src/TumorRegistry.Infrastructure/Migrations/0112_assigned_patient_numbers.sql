-- Patient ID Numbers the central registry assigns to people first seen in an electronic report (no registry has
-- numbered them yet): 90000001 upward, apart from the numbers hospitals and the demo use.
create sequence assigned_patient_id_numbers start with 90000001 minvalue 90000001 maxvalue 99999999;
