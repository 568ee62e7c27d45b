-- Follow-up requests (projection FollowUpRequestsProjection, inline, from the patient streams' FollowUp* events):
-- one row per request with its current addressee, letters and answer; open requests have answered_on null.
create table follow_up_requests (
    request_id      uuid primary key,
    patient_id      uuid not null,
    due_on          date not null,
    requested_on    date not null,
    addressee_kind  text not null,        -- physician, patient, contact
    addressee_name  text,
    addressee_npi   text,
    letter_template text not null,
    escalations     int not null,
    asked_on        date not null,        -- the day the current addressee was asked (request or last escalation)
    letters_sent    int not null,
    last_sent_on    date,
    last_batch_id   uuid,
    answered_on     date,
    cases           uuid[] not null
);
create index follow_up_requests_patient on follow_up_requests (patient_id);
create index follow_up_requests_open on follow_up_requests (asked_on) where answered_on is null;

-- Lost to follow-up, by the same projection: a row while the patient is lost (FollowUpLost until FollowUpRestored).
create table follow_up_lost (
    patient_id uuid primary key,
    lost_on    date not null,
    date_of_last_contact text
);
