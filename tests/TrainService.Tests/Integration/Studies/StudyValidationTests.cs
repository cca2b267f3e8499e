using System.Net;
using System.Net.Http.Json;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Studies;

/// <summary>Bad studies are one 400 ProblemDetails naming the field (or the arm and the spec path), and nothing is enqueued.</summary>
public sealed class StudyValidationTests : ServiceTest
{
    public static TheoryData<string, string, string> BadStudies => new()
    {
        { "bad lr in one arm", StudySpecs.Study("""[{"path": "$.optimizer.lr", "values": [0.05, -1, 0.1]}]"""), "arms[1].$.optimizer.lr" },
        { "unknown optimizer kind in one arm", StudySpecs.Study("""[{"path": "$.optimizer", "values": [{"kind": "adam"}, {"kind": "adamz"}]}]"""), "arms[1].$.optimizer.kind" },
        { "field the spec lacks", StudySpecs.Study("""[{"path": "$.optimizer.momentumz", "values": [0.9]}]"""), "arms[0].$.optimizer.momentumz" },
        { "path past the layers", StudySpecs.Study("""[{"path": "$.model.layers[5].activation", "values": ["relu"]}]"""), "$.factors[0].path" },
        { "path through a missing object", StudySpecs.Study("""[{"path": "$.nothing.lr", "values": [1]}]"""), "arms[0].$.nothing" },
        { "index into an object", StudySpecs.Study("""[{"path": "$.optimizer[0]", "values": [1]}]"""), "$.factors[0].path" },
        { "not a path", StudySpecs.Study("""[{"path": "optimizer.lr", "values": [1]}]"""), "$.factors[0].path" },
        { "the seed as a factor", StudySpecs.Study("""[{"path": "$.training.seed", "values": [1, 2]}]"""), "$.factors[0].path" },
        { "repeated path", StudySpecs.Study("""[{"path": "$.optimizer.lr", "values": [1]}, {"path": "$.optimizer.lr", "values": [2]}]"""), "$.factors[1].path" },
        { "empty values", StudySpecs.Study("""[{"path": "$.optimizer.lr", "values": []}]"""), "$.factors[0].values" },
        { "no factors", StudySpecs.Study("[]"), "$.factors" },
        { "no seeds", StudySpecs.Study(StudySpecs.ThreeOptimizers, seeds: "[]"), "$.seeds" },
        { "repeated seed", StudySpecs.Study(StudySpecs.ThreeOptimizers, seeds: "[1, 1]"), "$.seeds" },
        { "too many jobs", StudySpecs.Study($$"""[{"path": "$.optimizer.lr", "values": [{{string.Join(", ", Enumerable.Range(1, 67).Select(i => i / 1000.0))}}]}]"""), "$.factors" },
        { "unknown metric", StudySpecs.Study(StudySpecs.ThreeOptimizers, objective: """{"metric": "accuracy", "mode": "max"}"""), "$.objective.metric" },
        { "unknown mode", StudySpecs.Study(StudySpecs.ThreeOptimizers, objective: """{"metric": "valLoss", "mode": "lowest"}"""), "$.objective.mode" },
        { "base not an object", StudySpecs.Study(StudySpecs.ThreeOptimizers, baseSpec: "[1]"), "$.base" },
        { "missing objective", """{"name": "x", "base": {}, "factors": [], "seeds": [1]}""", "$.objective" },
        { "duplicate key in a value", StudySpecs.Study("""[{"path": "$.optimizer", "values": [{"kind": "adam", "lr": 0.1, "lr": 0.2}]}]"""), "$.factors[0].values[0]" },
        { "duplicate key in the base", StudySpecs.Study(StudySpecs.ThreeOptimizers, baseSpec: StudySpecs.XorBase().Replace("\"loss\"", "\"name\": \"again\", \"loss\"")), "$.base" },
        { "null value", StudySpecs.Study("""[{"path": "$.optimizer", "values": [null]}]"""), "arms[0].$.optimizer" },
        { "the whole spec as the path", StudySpecs.Study("""[{"path": "$", "values": [{}]}]"""), "$.factors[0].path" },
        { "empty name", StudySpecs.Study(StudySpecs.ThreeOptimizers).Replace("\"xor study\"", "\"\""), "$.name" },
        { "too many values", StudySpecs.Study($$"""[{"path": "$.optimizer.lr", "values": [{{string.Join(", ", Enumerable.Range(1, 201).Select(i => i / 1000.0))}}]}]""", seeds: "[1]"), "$.factors[0].values" },
        { "random without count", StudySpecs.Study(StudySpecs.ThreeOptimizers).Replace("\"seeds\"", "\"sampler\": \"random\", \"seeds\""), "$.count" },
        { "random count past the grid", StudySpecs.Study(StudySpecs.ThreeOptimizers).Replace("\"seeds\"", "\"sampler\": \"random\", \"count\": 4, \"seeds\""), "$.count" },
        { "count with grid", StudySpecs.Study(StudySpecs.ThreeOptimizers).Replace("\"seeds\"", "\"count\": 2, \"seeds\""), "$.count" },
        { "random count over the job cap", StudySpecs.Study($$"""[{"path": "$.optimizer.lr", "values": [{{string.Join(", ", Enumerable.Range(1, 200).Select(i => i / 1000.0))}}]}, {"path": "$.training.batchSize", "values": [8, 16]}]""").Replace("\"seeds\"", "\"sampler\": \"random\", \"count\": 100, \"seeds\""), "$.count" },
        { "unknown study field", StudySpecs.Study(StudySpecs.ThreeOptimizers).Replace("\"seeds\"", "\"sampler\": \"grid\", \"budget\": 3, \"seeds\""), "$.budget" },
    };

    [Theory]
    [MemberData(nameof(BadStudies))]
    public async Task BadStudy_Is400AtItsPath_AndEnqueuesNothing(string name, string body, string path)
    {
        var response = await Client.PostJsonTextAsync("/api/studies", body);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var errors = await response.ReadValidationErrorsAsync();
        Assert.True(errors.ContainsKey(path), $"{name}: expected {path}, got {string.Join(", ", errors.Keys)}");
        var jobs = (await Client.GetFromJsonAsync<PagedList<JobSummary>>("/api/jobs", ContractJson.Options))!;
        Assert.Equal(0, jobs.Total);
        Assert.Empty((await Client.GetFromJsonAsync<List<StudySummary>>("/api/studies", ContractJson.Options))!);
    }

    [Fact]
    public async Task BadArm_IsOneErrorForTheArm_NotOnePerSeed()
    {
        var response = await Client.PostJsonTextAsync("/api/studies", StudySpecs.Study("""[{"path": "$.optimizer.lr", "values": [0.05, -1]}]"""));
        var errors = await response.ReadValidationErrorsAsync();
        Assert.Equal(["arms[1].$.optimizer.lr"], errors.Keys);
        Assert.Single(errors["arms[1].$.optimizer.lr"]);
        Assert.Contains("$.optimizer.lr=-1", errors["arms[1].$.optimizer.lr"][0]);
    }
}
