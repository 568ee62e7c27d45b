using MediatR;
using Npgsql;
using NpgsqlTypes;

namespace TumorRegistry.Api.Cases.Workload;

/// <summary>Cases by status for one abstractor or facility.</summary>
public sealed record WorkloadRow(string Who, long Open, long Incomplete, long FailingEdits, long Completed, long Total);

/// <summary>What a registrar recorded over the last days (the registrar_activity projection).</summary>
public sealed record ActivityRow(string Registrar, long Events, long Completions, DateOnly? LastDay);

public sealed record WorkloadView(int Days, IReadOnlyList<WorkloadRow> ByAbstractor, IReadOnlyList<WorkloadRow> ByFacility, IReadOnlyList<ActivityRow> Activity);

/// <summary>The manager's workload: cases by abstractor and by facility (case_summary), and activity per registrar.</summary>
public sealed record GetWorkload(string? Facility, int Days = 30) : IRequest<WorkloadView>;

public sealed class GetWorkloadHandler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<GetWorkload, WorkloadView>
{
    private const string Counts = """
        count(*) filter (where status = 'open'), count(*) filter (where status = 'incomplete'),
        count(*) filter (where status = 'failing_edits'), count(*) filter (where status = 'completed'), count(*)
        """;

    public async Task<WorkloadView> Handle(GetWorkload request, CancellationToken cancellationToken)
    {
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(Command($"select coalesce(abstracted_by, '(none)'), {Counts} from case_summary where status <> 'duplicate' and ($1::text is null or reporting_facility = $1) group by 1 order by 1", request));
        batch.BatchCommands.Add(Command($"select coalesce(reporting_facility, '(none)'), {Counts} from case_summary where status <> 'duplicate' and ($1::text is null or reporting_facility = $1) group by 1 order by 1", request));
        var since = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-request.Days);
        var activity = new NpgsqlBatchCommand("""
            select registrar, sum(events), coalesce(sum(events) filter (where event_type = 'CaseCompleted'), 0), max(day)
            from registrar_activity where day > $1 group by registrar order by registrar
            """);
        activity.Parameters.Add(new NpgsqlParameter { Value = since, NpgsqlDbType = NpgsqlDbType.Date });
        batch.BatchCommands.Add(activity);

        await using var r = await batch.ExecuteReaderAsync(cancellationToken);
        var byAbstractor = await RowsAsync(r, cancellationToken);
        await r.NextResultAsync(cancellationToken);
        var byFacility = await RowsAsync(r, cancellationToken);
        await r.NextResultAsync(cancellationToken);
        var rows = new List<ActivityRow>();
        while (await r.ReadAsync(cancellationToken))
            rows.Add(new ActivityRow(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3)));
        return new WorkloadView(request.Days, byAbstractor, byFacility, rows);
    }

    private static NpgsqlBatchCommand Command(string sql, GetWorkload q)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)q.Facility ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return cmd;
    }

    private static async Task<List<WorkloadRow>> RowsAsync(NpgsqlDataReader r, CancellationToken ct)
    {
        var rows = new List<WorkloadRow>();
        while (await r.ReadAsync(ct))
            rows.Add(new WorkloadRow(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5)));
        return rows;
    }
}
