using System.Net;
using Microsoft.Data.Sqlite;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Diagnostics;

/// <summary>A data folder created before events had a warning column still works: the column is added at start-up.</summary>
public sealed class OlderDatabaseTests
{
    [Fact]
    public async Task DatabaseWithoutTheWarningColumn_GetsIt_AndRecordsLinkedEvents()
    {
        string folder = Path.Combine(Path.GetTempPath(), "trainservice-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string> { ["TrainService:DataDirectory"] = folder };
        try
        {
            await LegacyDataFolder.CreateAsync(folder, "ALTER TABLE PathologyEvents DROP COLUMN Warning");

            await using var second = new TrainServiceFactory { Settings = settings, Postgres = false };
            var client = second.CreateClient();
            var created = await client.PostJsonTextAsync("/api/jobs", DiagnosticsSpecs.DeepMlp("sigmoid", epochs: 1));
            var job = await client.WaitForFinalStateAsync((await created.ReadAsync<JobResponse>()).Id);
            Assert.True(job.Status == JobStatus.Succeeded, $"{job.Status}: {job.FailureReason}");
            Assert.Contains(job.Events!, e => e.Warning == SpecWarningCodes.DeepSaturatingStack);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
