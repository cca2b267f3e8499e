using Microsoft.EntityFrameworkCore;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs.Diagnostics;

/// <summary>Reads what the diagnostics stored for a job.</summary>
internal static class DiagnosticsReader
{
    public static async Task<IReadOnlyList<PathologyEvent>> EventsAsync(TrainDbContext db, Guid jobId, CancellationToken ct)
    {
        var rows = await db.PathologyEvents.AsNoTracking().Where(e => e.JobId == jobId).ToListAsync(ct);
        return rows.OrderBy(r => r.Step).ThenBy(r => DiagnosticSeries.LayerOrder(r.Layer)).ThenBy(r => r.Kind, StringComparer.Ordinal)
            .Select(DiagnosticSeries.FromRow).ToList();
    }

    public static async Task<DiagnosticsResponse?> ReadAsync(TrainDbContext db, Guid jobId, CancellationToken ct)
    {
        if (!await db.Jobs.AnyAsync(j => j.Id == jobId, ct)) return null;
        var steps = db.MetricsOn(MetricAxis.Step).Where(m => m.JobId == jobId);
        var rows = await steps.Where(m => m.Name.StartsWith(DiagnosticSeries.Prefix)).ToListAsync(ct);
        var positions = (await steps.Where(m => m.Name.StartsWith(DiagnosticSeries.LayerPrefix)).ToListAsync(ct))
            .GroupBy(m => m.Name[DiagnosticSeries.LayerPrefix.Length..]).ToDictionary(g => g.Key, g => (int)g.First().Value);
        var series = DiagnosticSeries.FromRows(rows, positions);
        var layers = positions.OrderBy(p => p.Value).Select(p => p.Key).ToList();
        return new DiagnosticsResponse(jobId, layers, series, await EventsAsync(db, jobId, ct));
    }
}
