using System.Globalization;
using System.Net;
using System.Text;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Datasets;

public sealed class DatasetUploadTests : ServiceTest
{

    /// <summary>
    /// y = (x1 − 1500)/500 + 100·x2 with x1 ~ U(1000, 2000) and x2 ~ U(−0.01, 0.01): raw scales a
    /// thousandfold apart, and an "id" text column that the features list leaves out.
    /// </summary>
    static string OffsetRegressionCsv(int rows)
    {
        var random = new Random(11);
        var csv = new StringBuilder("id,x1,x2,y\n");
        for (int i = 0; i < rows; i++)
        {
            double x1 = 1000 + 1000 * random.NextDouble(), x2 = -0.01 + 0.02 * random.NextDouble();
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"r{i},{x1},{x2},{(x1 - 1500) / 500 + 100 * x2}"));
        }
        return csv.ToString();
    }

    static string LinearSpec(Guid datasetId) => $$"""
        {"name": "uploaded-linear",
         "dataset": {"kind": "uploaded", "datasetId": "{{datasetId}}"},
         "model": {"inputShape": [2], "layers": [{"kind": "linear", "units": 1}] },
         "loss": {"kind": "mse"},
         "optimizer": {"kind": "adam", "lr": 0.05},
         "training": {"epochs": 150, "batchSize": 32, "seed": 3, "validationSplit": 0.1, "testSplit": 0.2, "standardize": true} }
        """;

    [Fact]
    public async Task UploadedCsv_Trains_AndPredictStandardisesRawInputs_EvenAfterTheDatasetIsDeleted()
    {
        var uploaded = await Client.PostAsync("/api/datasets", DatasetForms.Csv(OffsetRegressionCsv(200), "regression", "y", "x1,x2"));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var dataset = await uploaded.ReadAsync<DatasetResponse>();
        Assert.Equal($"/api/datasets/{dataset.Id}", uploaded.Headers.Location!.OriginalString);
        Assert.Equal((DatasetTask.Regression, 200, 0), (dataset.Task, dataset.Rows, dataset.Classes));
        Assert.Equal(["x1", "x2"], dataset.FeatureColumns);
        Assert.Equal(["y"], dataset.TargetColumns);
        Assert.Null(dataset.ClassBalance);
        Assert.Equal("data.csv", dataset.Name);

        var job = await (await Client.PostJsonTextAsync("/api/jobs", LinearSpec(dataset.Id))).ReadAsync<JobResponse>();
        var done = await Client.WaitForFinalStateAsync(job.Id);
        Assert.Equal(JobStatus.Succeeded, done.Status);
        Assert.Equal(40, done.TestMetrics!.Rows);
        Assert.True(done.TestMetrics.Loss < 1e-3, $"test MSE {done.TestMetrics.Loss}");
        Assert.Null(done.TestMetrics.Accuracy);

        // Raw inputs, as a user would send them: the saved standardizer must be applied first.
        var expected = new[] { (1750.0, 0.005), (1200.0, -0.008) }.Select(p => (p.Item1 - 1500) / 500 + 100 * p.Item2).ToArray();
        await AssertPredictsAsync(job.Id, expected);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/datasets/{dataset.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/datasets/{dataset.Id}")).StatusCode);
        Assert.Empty(DatasetFiles());
        await AssertPredictsAsync(job.Id, expected);

        var again = await Client.PostJsonTextAsync("/api/jobs", LinearSpec(dataset.Id));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains($"no uploaded dataset has id {dataset.Id}", (await again.ReadValidationErrorsAsync())["$.dataset.datasetId"][0]);
    }

    async Task AssertPredictsAsync(Guid jobId, double[] expected)
    {
        var predicted = await Client.PostJsonTextAsync($"/api/jobs/{jobId}/predict", """{"inputs": [[1750, 0.005], [1200, -0.008]]}""");
        Assert.Equal(HttpStatusCode.OK, predicted.StatusCode);
        var outputs = (await predicted.ReadAsync<PredictResponse>()).Outputs;
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(outputs[i][0] - expected[i]) < 0.05, $"row {i}: predicted {outputs[i][0]}, expected {expected[i]}");
    }

    [Fact]
    public async Task UploadedJson_ReportsClassBalance_AndListsNewestFirst()
    {
        var first = await (await Client.PostAsync("/api/datasets", DatasetForms.Csv("a,b\n1,0\n2,1\n", "binary", "b"))).ReadAsync<DatasetResponse>();
        var rows = string.Join(",", Enumerable.Range(0, 12).Select(i => $$"""{"u": {{i}}, "v": {{i * 2}}, "label": {{i % 3}}}"""));
        var form = DatasetForms.Form(Encoding.UTF8.GetBytes($"[{rows}]"), "points.json", null, "multiclass", "label");
        form.Add(new StringContent("three classes"), "name");
        var response = await Client.PostAsync("/api/datasets", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var second = await response.ReadAsync<DatasetResponse>();

        Assert.Equal("three classes", second.Name);
        Assert.Equal((DatasetTask.Multiclass, 12, 3), (second.Task, second.Rows, second.Classes));
        Assert.Equal(["u", "v"], second.FeatureColumns);
        Assert.Equal(new Dictionary<string, int> { ["0"] = 4, ["1"] = 4, ["2"] = 4 }, second.ClassBalance);

        var list = await (await Client.GetAsync("/api/datasets")).ReadAsync<PagedList<DatasetResponse>>();
        Assert.Equal([second.Id, first.Id], list.Items.Select(d => d.Id));
        Assert.Equal(2, DatasetFiles().Length);

        var validation = await Client.PostJsonTextAsync("/api/specs/validate", $$"""
            {"name": "x", "dataset": {"kind": "uploaded", "datasetId": "{{second.Id}}"},
             "model": {"inputShape": [3], "layers": [{"kind": "linear", "units": 1}]},
             "loss": {"kind": "mse"}, "optimizer": {"kind": "sgd"} }
            """);
        Assert.Equal(HttpStatusCode.BadRequest, validation.StatusCode);
        Assert.Contains("the dataset's examples have shape [2]", (await validation.ReadValidationErrorsAsync())["$.model.inputShape"][0]);
    }

    [Fact]
    public async Task UnknownDataset_Is404_ForGetAndDelete()
    {
        var id = Guid.NewGuid();
        var get = await Client.GetAsync($"/api/datasets/{id}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Contains("Dataset not found", await get.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await Client.DeleteAsync($"/api/datasets/{id}")).StatusCode);
    }

    string[] DatasetFiles()
    {
        string folder = Path.Combine(Factory.DataDirectory, "artifacts", "datasets");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }
}
