using System.Text.Json;
using TrainService.Contracts.Json;
using TrainService.Contracts.Specs;

namespace TrainService.Jobs.Execution;

/// <summary>Enqueueing a job known only by its stored row: the queue it goes to is its spec's device.</summary>
internal static class StoredJobEnqueueing
{
    public static void EnqueueStored(this IJobQueue queue, Guid jobId, string specJson) =>
        queue.Enqueue(jobId, JsonSerializer.Deserialize<TrainingSpec>(specJson, ContractJson.Options)!.Device);
}
