using Npgsql;
using TumorRegistry.Domain.Events;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Migrations;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.EventStore;

/// <summary>A database written by the first, hand-written event store keeps its history on Marten.</summary>
public sealed class LegacyEventStoreTests
{
    [Fact]
    public async Task Events_of_the_first_event_store_are_copied_into_Marten_once_with_their_order_and_metadata()
    {
        var cs = await TestPostgres.CreateDatabaseAsync();
        await using var ds = NpgsqlDataSource.Create(cs);
        var patient = Guid.NewGuid();
        var tumor = Guid.NewGuid();
        // The old tables as migration 0001 made them, with a patient and a case written by the old store.
        await ds.ExecAsync($$"""
            {{SchemaMigrator.All.Single(m => m.Number == 1).Sql}}
            insert into streams(id, type, version, created_at) values ('{{patient}}', 'patient', 1, '2025-02-01T10:00:00Z'),
                ('{{tumor}}', 'tumor', 2, '2025-02-01T10:05:00Z');
            insert into events(stream_id, version, type, schema_version, data, metadata, recorded_at) values
                ('{{patient}}', 1, 'PatientRegistered', 1, '{"patientIdNumber":"00000777"}',
                    '{"user":"ctr.old","reason":"path report","correlationId":"{{patient}}"}', '2025-02-01T10:00:00Z'),
                ('{{tumor}}', 1, 'CaseOpened', 1, '{"patientId":"{{patient}}","reportingFacility":"0006540001"}',
                    '{"user":"ctr.old","reason":"casefinding"}', '2025-02-01T10:05:00Z'),
                ('{{tumor}}', 2, 'DiagnosisRecorded', 1, '{"primarySite":"C509","histology":"8500","behavior":"3"}',
                    '{"user":"ctr.older"}', '2025-02-02T08:00:00Z');
            """);

        await SchemaMigrator.MigrateAsync(cs);
        await SchemaMigrator.MigrateAsync(cs);

        await using var marten = RegistryStore.Create(cs);
        var events = new RegistryEvents(marten);
        var tumorEvents = await events.ReadStreamAsync(tumor);
        Assert.Equal(["CaseOpened", "DiagnosisRecorded"], tumorEvents.Select(e => e.TypeName));
        Assert.Equal("C509", ((DiagnosisRecorded)tumorEvents[1].Data).PrimarySite);
        Assert.Equal(("ctr.older", (string?)null), (tumorEvents[1].Metadata.User, tumorEvents[1].Metadata.Reason));
        Assert.Equal(new DateTimeOffset(2025, 2, 2, 8, 0, 0, TimeSpan.Zero), tumorEvents[1].RecordedAt);
        var registered = Assert.Single(await events.ReadStreamAsync(patient));
        Assert.Equal(new EventMetadata("ctr.old", "path report", patient), registered.Metadata);
        Assert.Equal("tumor", (await events.GetStreamAsync(tumor))!.Type);
        Assert.Equal(3L, await ds.ScalarAsync("select count(*) from legacy_events"));
        Assert.Equal(3L, await ds.ScalarAsync("select count(*) from marten.mt_events"));

        // And the read models rebuild from the copied events.
        var loaded = await new CaseRepository(events).LoadCaseAsync(tumor);
        Assert.Equal("C509", loaded.State.Items["primarySite"]);
    }
}
