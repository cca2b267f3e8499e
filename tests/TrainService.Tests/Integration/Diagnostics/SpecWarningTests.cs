using System.Net;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Diagnostics;

/// <summary>
/// Warnings before a run goes wrong: each is raised, with its JSON path, by the spec the course
/// predicts will fail and stays silent for the corrected twin; both doors return them; a job that
/// later shows the predicted pathology links its event to the warning.
/// </summary>
public sealed class SpecWarningTests(TrainServiceFactory factory) : IClassFixture<TrainServiceFactory>
{
    [Theory]
    [MemberData(nameof(WarningSpecs.Cases), MemberType = typeof(WarningSpecs))]
    public async Task Warning_IsRaisedAtItsPath_ByTheFailingSpec(string code, string spec, string path, string _)
    {
        var warnings = await ValidateAsync(spec);
        var warning = Assert.Single(warnings, w => w.Code == code);
        Assert.Equal(path, warning.Path);
        Assert.False(string.IsNullOrWhiteSpace(warning.Message));
    }

    [Theory]
    [MemberData(nameof(WarningSpecs.Cases), MemberType = typeof(WarningSpecs))]
    public async Task Warning_StaysSilent_ForTheCorrectedSpec(string code, string _, string path, string corrected)
    {
        var warnings = await ValidateAsync(corrected);
        Assert.False(warnings.Any(w => w.Code == code), $"{code} ({path}) raised for the corrected spec: {string.Join("; ", warnings.Select(w => w.Message))}");
    }

    [Fact]
    public async Task ReadmeXor_HasNoWarnings_ThroughBothDoors()
    {
        var client = factory.CreateClient();
        Assert.Empty(await ValidateAsync(Specs.ReadmeXor));
        var created = await client.PostJsonTextAsync("/api/jobs", Specs.ReadmeXor);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Empty((await created.ReadAsync<JobResponse>()).Warnings!);
    }

    [Fact]
    public async Task DeepSigmoidJob_ReturnsTheWarningOnSubmission_AndItsVanishingEventLinksToIt()
    {
        var client = factory.CreateClient();
        var created = await client.PostJsonTextAsync("/api/jobs", DiagnosticsSpecs.DeepMlp("sigmoid"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var submitted = await created.ReadAsync<JobResponse>();
        Assert.Contains(submitted.Warnings!, w => w.Code == SpecWarningCodes.DeepSaturatingStack);

        var job = await client.WaitForFinalStateAsync(submitted.Id);
        Assert.True(job.Status == JobStatus.Succeeded, $"{job.Status}: {job.FailureReason}");
        var vanishing = Assert.Single(job.Events!, e => e.Kind == PathologyKinds.VanishingGradient && e.Step == 1);
        Assert.Equal(SpecWarningCodes.DeepSaturatingStack, vanishing.Warning);
        Assert.Contains("deep_saturating_stack", vanishing.Message);
        var diagnostics = await (await client.GetAsync($"/api/jobs/{job.Id}/diagnostics")).ReadAsync<DiagnosticsResponse>();
        Assert.Equal(SpecWarningCodes.DeepSaturatingStack, diagnostics.Events.First(e => e.Kind == PathologyKinds.VanishingGradient).Warning);
    }

    [Fact]
    public async Task ExplodingRnnJob_DivergenceEventLinksToTheClippingWarning()
    {
        var client = factory.CreateClient();
        var spec = CourseClaimsSpecs.Rnn(1.0, divergenceGradNorm: 1e4).Replace("\"length\": 30", "\"length\": 50").Replace("[30, 2]", "[50, 2]");
        var created = await client.PostJsonTextAsync("/api/jobs", spec);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var submitted = await created.ReadAsync<JobResponse>();
        Assert.Contains(submitted.Warnings!, w => w.Code == SpecWarningCodes.LongRnnUnclipped && w.Path == "$.training.clipping");

        var job = await client.WaitForFinalStateAsync(submitted.Id);
        Assert.Equal(JobStatus.Failed, job.Status);
        var divergence = Assert.Single(job.Events!, e => e.Kind == PathologyKinds.Divergence);
        Assert.Equal(SpecWarningCodes.LongRnnUnclipped, divergence.Warning);
    }

    async Task<IReadOnlyList<SpecWarning>> ValidateAsync(string spec)
    {
        var response = await factory.CreateClient().PostJsonTextAsync("/api/specs/validate", spec);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.ReadAsync<SpecValidationResponse>()).Warnings;
    }
}
