-- Consolidation review (projection ConsolidationReviewProjection, inline, from SourceRecordConsolidated and
-- ConsolidationConflictResolved on the case streams): one row per conflict; open ones have resolved_at null.
create table consolidation_review (
    conflict_id    uuid primary key,
    case_id        uuid not null,
    naaccr_id      text not null,
    case_value     text,
    source_value   text not null,
    rule_id        text not null,
    message        text not null,
    source_id      text not null,
    source_kind    text not null,
    source_facility text,
    raised_at      timestamptz not null,
    resolved_at    timestamptz,
    chosen_value   text,
    resolved_by    text
);
create index consolidation_review_open on consolidation_review (raised_at) where resolved_at is null;
create index consolidation_review_case on consolidation_review (case_id);
