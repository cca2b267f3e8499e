using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Persistence;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Persistence;

/// <summary>
/// A service upgraded in place keeps its jobs' curves: metric rows stored with the axis in their names
/// (<c>step.loss</c>, <c>testLoss</c>, <c>step.diag.…</c>, as builds before the MetricAxis migration
/// stored them) read back through the API exactly as they did before. Runs in the run's storage mode,
/// so the PostgreSQL run checks that provider's migration.
/// </summary>
public sealed class MetricAxisMigrationTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "trainservice-tests", Guid.NewGuid().ToString("N"));

    // Every axis and every kind of series: epochs (with validation), per-step (with clipping), test, diagnostics.
    const string Spec = """
        {"name": "every-axis",
         "dataset": {"kind": "breast_cancer"},
         "model": {"inputShape": [30], "layers": [{"kind": "linear", "units": 8, "activation": "tanh"}, {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
         "loss": {"kind": "bce"},
         "optimizer": {"kind": "sgd", "lr": 0.1},
         "training": {"epochs": 3, "batchSize": 64, "seed": 3, "standardize": true, "validationSplit": 0.2, "testSplit": 0.2,
                      "clipping": {"kind": "norm", "maxNorm": 0.5}},
         "diagnostics": {"every": 1, "unit": "epochs"}}
        """;

    [Fact]
    public async Task RowsStoredWithTheAxisInTheirNames_ReadBackTheSame_AfterTheUpgrade()
    {
        var settings = new Dictionary<string, string> { ["TrainService:DataDirectory"] = folder };
        Guid id;
        Dictionary<string, string> before;
        string? connectionString;
        await using (var first = new TrainServiceFactory { Settings = settings })
        {
            var client = first.CreateClient();
            id = (await client.TrainToSuccessAsync(Spec)).Id;
            before = await ReadEverythingAsync(client, id);
            connectionString = first.ConnectionString;
        }

        // Back to the schema before the axis column: the rows as older builds left them.
        await using (var db = Open(connectionString))
        {
            var migrations = db.Database.GetMigrations().ToList();
            int axis = migrations.FindIndex(m => m.EndsWith("_MetricAxis", StringComparison.Ordinal));
            Assert.True(axis > 0, string.Join(", ", migrations));
            await db.GetService<IMigrator>().MigrateAsync(migrations[axis - 1]);
            var names = await db.Database.SqlQueryRaw<string>("""SELECT "Name" AS "Value" FROM "Metrics" """).ToListAsync();
            string[] older = ["trainLoss", "valLoss", "lr", "run.peakMemoryBytes", "step.loss", "step.lr", "step.gradNorm", "step.clippedGradNorm",
                "step.diag.epoch", "step.run.trainRows", "testRows", "testLoss", "testAccuracy"];
            Assert.All(older, name => Assert.Contains(name, names));
            Assert.Contains(names, n => n.StartsWith("step.diag.gradNorm/", StringComparison.Ordinal));
            Assert.Contains(names, n => n.StartsWith("step.run.layer/", StringComparison.Ordinal));
            Assert.DoesNotContain("loss", names);
        }

        await using var upgraded = new TrainServiceFactory { Settings = settings, ConnectionString = connectionString };
        var after = await ReadEverythingAsync(upgraded.CreateClient(), id);
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (url, body) in before)
            Assert.True(body == after[url], $"{url} changed across the upgrade:\n{body}\n---\n{after[url]}");
    }

    /// <summary>Every read of a job's metric rows the API has, as the JSON it serves.</summary>
    static async Task<Dictionary<string, string>> ReadEverythingAsync(HttpClient client, Guid id)
    {
        string[] urls =
        [
            $"/api/jobs/{id}", $"/api/jobs/{id}/metrics", $"/api/jobs/{id}/metrics/steps", $"/api/jobs/{id}/metrics/steps?maxPoints=3",
            $"/api/jobs/{id}/diagnostics", $"/api/jobs/{id}/results", $"/api/compare?jobs={id}&metric=valLoss", "/api/jobs",
        ];
        var bodies = new Dictionary<string, string>();
        foreach (string url in urls)
        {
            var response = await client.GetAsync(url);
            string body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
            bodies[url] = body;
        }
        var steps = await client.GetFromJsonAsync<StepSeriesResponse>($"/api/jobs/{id}/metrics/steps", Contracts.Json.ContractJson.Options);
        Assert.NotEmpty(steps!.Steps);
        Assert.All(steps.Steps, s => Assert.NotNull(s.ClippedGradNorm));
        return bodies;
    }

    TrainDbContext Open(string? postgres) => postgres is null
        ? LegacyDataFolder.Open(folder)
        : new PostgresTrainDbContext(new DbContextOptionsBuilder<TrainDbContext>().UseNpgsql(postgres).Options);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
