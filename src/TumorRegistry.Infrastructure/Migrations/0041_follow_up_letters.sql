-- Follow-up letters. Templates are the registry's own text, edited by a manager (PUT /follow-up/templates/{name}); the
-- placeholders are listed in docs/follow-up.md. A batch is a record with its letters, rendered when the batch was made,
-- so a later template edit never changes what was mailed.
create table follow_up_letter_templates (
    name           text primary key,       -- physician, patient, contact (the request's letter template)
    letterhead     text not null,
    return_address text not null,
    body           text not null,
    patient_block  text not null,          -- repeated once per patient of the letter, as {{patients}} in the body
    version        int not null,
    updated_at     timestamptz not null,
    updated_by     text not null
);

insert into follow_up_letter_templates values
('physician', 'Cancer Registry', 'Cancer Registry, [street], [city, state ZIP]',
'{{date}}

{{addressee.name}}
{{addressee.address}}

Dear Doctor,

Our cancer registry follows every patient diagnosed or treated for cancer here once a year. Please tell us, for each patient below, the date you last saw or heard of the patient, whether the patient is alive, the status of each cancer and any new treatment or recurrence.

{{patients}}

Please return this letter to: {{returnAddress}}. Thank you.',
'{{patient.name}}, born {{patient.dateOfBirth}}, last contact {{patient.lastContact}}
{{tumors}}',
1, now(), 'migration'),
('patient', 'Cancer Registry', 'Cancer Registry, [street], [city, state ZIP]',
'{{date}}

{{addressee.name}}
{{addressee.address}}

Dear {{addressee.name}},

Once a year we ask how you are. Please tell us the date you last saw a doctor, the doctor''s name, and how you are doing since your diagnosis of:

{{patients}}

Please return this letter to: {{returnAddress}}. Thank you.',
'{{tumors}}',
1, now(), 'migration'),
('contact', 'Cancer Registry', 'Cancer Registry, [street], [city, state ZIP]',
'{{date}}

{{addressee.name}}
{{addressee.address}}

Dear {{addressee.name}},

You were named as a contact by the patient below. Please tell us how to reach the patient, or the date you last heard from the patient and how the patient is doing.

{{patients}}

Please return this letter to: {{returnAddress}}. Thank you.',
'{{patient.name}}, born {{patient.dateOfBirth}}',
1, now(), 'migration');

create table follow_up_letter_batches (
    batch_id     uuid primary key,
    created_on   date not null,
    created_at   timestamptz not null,
    created_by   text not null,
    facility     text,
    letter_count int not null
);

create table follow_up_letters (
    batch_id         uuid not null references follow_up_letter_batches,
    letter_no        int not null,
    addressee_kind   text not null,
    addressee_name   text,
    addressee_npi    text,
    street           text,
    supplement       text,
    city             text,
    state            text,
    postal_code      text,
    template         text not null,
    template_version int not null,
    patients         uuid[] not null,
    requests         uuid[] not null,
    patient_names    text not null,       -- for the mail-merge file
    tumors           text not null,       -- the tumors in words, one per line
    html             text not null,       -- the letter as printed
    primary key (batch_id, letter_no)
);
