using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainService.Contracts.Json;
using TrainService.Contracts.Specs;
using TrainService.Jobs.Persistence;
using TrainService.Jobs.Storage;

namespace TrainService.Jobs;

/// <summary>Checks a warm start against the database: the source job and checkpoint exist and the architecture matches.</summary>
internal sealed class WarmStartValidator(TrainDbContext db, CheckpointStore checkpoints)
{
    public async Task<IDictionary<string, string[]>> ValidateAsync(TrainingSpec spec, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (spec.WarmStart is not { } warm) return errors;
        var source = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == warm.JobId, ct);
        if (source is null)
        {
            errors["$.warmStart.jobId"] = [$"no job has id {warm.JobId}"];
            return errors;
        }
        if (await checkpoints.ResolveAsync(warm.JobId, warm.Checkpoint, ct) is null)
            errors["$.warmStart.checkpoint"] = [$"job {warm.JobId} has no '{warm.Checkpoint}' checkpoint"];
        var sourceModel = JsonSerializer.Deserialize<TrainingSpec>(source.SpecJson, ContractJson.Options)!.Model;
        if (JsonSerializer.Serialize(sourceModel, ContractJson.Options) != JsonSerializer.Serialize(spec.Model, ContractJson.Options))
            errors["$.model"] = [$"a warm start needs the same architecture as job {warm.JobId} (same inputShape and layers)"];
        return errors;
    }
}
