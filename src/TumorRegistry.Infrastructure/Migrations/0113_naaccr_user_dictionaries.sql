-- NAACCR user-defined dictionaries kept by the registry (issue 10): uploaded once by a manager, then every import
-- (HTTP or command line) resolves a file's userDictionaryUri against them and exports write their items.
create table naaccr_user_dictionaries (
    dictionary_uri  text primary key,
    naaccr_version  text not null default '',   -- '' when the dictionary applies to any version
    description     text not null default '',
    item_count      int not null,
    dictionary_xml  text not null,               -- the dictionary as uploaded (checked before it is kept)
    uploaded_by     text not null,
    uploaded_at     timestamptz not null
);

-- The NaaccrData-level items a file arrived with (Registry ID [40], Registry Type [30], NAACCR Record Version [50]...):
-- they describe the sending registry and the file, not a patient, so they stay with the import batch.
alter table naaccr_import_batches add column root_items jsonb not null default '{}'::jsonb;
