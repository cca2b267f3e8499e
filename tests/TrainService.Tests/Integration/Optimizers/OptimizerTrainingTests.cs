using System.Net.Http.Json;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Tests.Infrastructure;
using TrainService.Tests.Unit.Training;

namespace TrainService.Tests.Integration.Optimizers;

/// <summary>Through HTTP, every optimizer (and variant) trains XOR to at least 95% validation accuracy with the table's lr.</summary>
public sealed class OptimizerTrainingTests(TrainServiceFactory factory) : IClassFixture<TrainServiceFactory>
{
    [Theory]
    [MemberData(nameof(XorOptimizerTable.Names), MemberType = typeof(XorOptimizerTable))]
    public async Task Optimizer_TrainsXor_ToStatedAccuracy(string name)
    {
        var (optimizer, epochs, batchSize) = XorOptimizerTable.Rows[name];
        var spec = XorSpecs.For(optimizer, new TrainingSettings { Epochs = epochs, BatchSize = batchSize, Seed = 7, ValidationSplit = 0.2 });
        var client = factory.CreateClient();

        var created = await client.PostAsJsonAsync("/api/jobs", spec, ContractJson.Options);
        created.EnsureSuccessStatusCode();
        var job = (await created.Content.ReadFromJsonAsync<JobResponse>(ContractJson.Options))!;
        var final = await client.WaitForFinalStateAsync(job.Id, TimeSpan.FromMinutes(3));

        Assert.True(final.Status == JobStatus.Succeeded, $"{name}: {final.Status} {final.FailureReason}");
        Assert.True(final.FinalMetrics!.ValAccuracy >= 0.95, $"{name}: validation accuracy {final.FinalMetrics.ValAccuracy}");
        var metrics = await client.GetFromJsonAsync<MetricsResponse>($"/api/jobs/{job.Id}/metrics", ContractJson.Options);
        double lr = (double)optimizer.GetType().GetProperty("Lr")!.GetValue(optimizer)!; // the row's own lr: no schedule here, so every epoch trains at it
        Assert.All(metrics!.Epochs, e => Assert.Equal(lr, e.LearningRate!.Value, 12));
    }
}
