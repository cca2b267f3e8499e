using System.Globalization;
using System.Net;
using System.Text;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Datasets;

/// <summary>RFC 4180 quoting in uploads, and uploads whose body is the file itself (no multipart).</summary>
public sealed class CsvAndRawBodyUploadTests : ServiceTest
{
    /// <summary>
    /// label = 1 when x &gt; 0.5. A free-text column holds commas, doubled quotes and line breaks
    /// inside quotes, and the feature's own header is quoted because it holds quotes.
    /// </summary>
    static string QuotedCsv(int rows)
    {
        var random = new Random(5);
        var csv = new StringBuilder("note,\"x \"\"scaled\"\"\",label\r\n");
        for (int i = 0; i < rows; i++)
        {
            double x = random.NextDouble();
            csv.Append(CultureInfo.InvariantCulture, $"\"row {i}, says \"\"hi\"\"\nand goes on\",{x:R},{(x > 0.5 ? 1 : 0)}\r\n");
        }
        return csv.ToString();
    }

    static string LogisticSpec(Guid datasetId) => $$$"""
        {"name": "quoted", "dataset": {"kind": "uploaded", "datasetId": "{{{datasetId}}}"},
         "model": {"inputShape": [1], "layers": [{"kind": "linear", "units": 1, "activation": "sigmoid"}]},
         "loss": {"kind": "bce"}, "optimizer": {"kind": "adam", "lr": 0.1},
         "training": {"epochs": 60, "batchSize": 16, "seed": 2, "standardize": true}}
        """;

    [Fact]
    public async Task QuotedFieldsCsv_ParsesEveryRow_AndTrains()
    {
        var uploaded = await Client.PostAsync("/api/datasets", DatasetForms.Csv(QuotedCsv(120), "binary", "label", "x \"scaled\""));

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var dataset = await uploaded.ReadAsync<DatasetResponse>();
        Assert.Equal(120, dataset.Rows);
        Assert.Equal(["x \"scaled\""], dataset.FeatureColumns);
        var job = await (await Client.PostJsonTextAsync("/api/jobs", LogisticSpec(dataset.Id))).ReadAsync<JobResponse>();
        var done = await Client.WaitForFinalStateAsync(job.Id);
        Assert.Equal(JobStatus.Succeeded, done.Status);
        Assert.True(done.FinalMetrics!.TrainAccuracy >= 0.9, $"train accuracy {done.FinalMetrics.TrainAccuracy}");
    }

    [Fact]
    public async Task CsvBody_WithFieldsInTheQuery_IsADataset()
    {
        var body = new StringContent(QuotedCsv(40), Encoding.UTF8, "text/csv");

        var uploaded = await Client.PostAsync("/api/datasets?task=binary&target=label&features=x%20%22scaled%22&name=points", body);

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var dataset = await uploaded.ReadAsync<DatasetResponse>();
        Assert.Equal(("points", DatasetTask.Binary, 40, 2), (dataset.Name, dataset.Task, dataset.Rows, dataset.Classes));
    }

    [Fact]
    public async Task JsonBody_WithFieldsInTheQuery_IsADataset()
    {
        var body = new StringContent("""[{"x": 0.1, "label": 0}, {"x": 0.9, "label": 1}, {"x": 0.7, "label": 1}]""", Encoding.UTF8, "application/json");

        var uploaded = await Client.PostAsync("/api/datasets?task=binary&target=label", body);

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var dataset = await uploaded.ReadAsync<DatasetResponse>();
        Assert.Equal((3, "upload.json"), (dataset.Rows, dataset.Name));
        Assert.Equal(new Dictionary<string, int> { ["0"] = 1, ["1"] = 2 }, dataset.ClassBalance);
    }

    [Fact]
    public async Task RawBody_WithoutTask_Is400AtTheField()
    {
        var response = await Client.PostAsync("/api/datasets", new StringContent("a,y\n1,0\n", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await response.ReadValidationErrorsAsync();
        Assert.Contains("task", errors.Keys);
    }

    [Fact]
    public async Task ManyBadCells_AreListedUpToTwenty_AndTheLastSaysMoreWereNotListed()
    {
        var csv = new StringBuilder("a,y\n");
        for (int i = 0; i < 50; i++) csv.Append("NA,1\n");

        var response = await Client.PostAsync("/api/datasets?task=binary&target=y", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = (await response.ReadValidationErrorsAsync())["file"];
        Assert.Equal(20, problems.Length);
        Assert.Equal("row 1, column 'a': missing value", problems[0]);
        Assert.EndsWith("(further problems not listed)", problems[^1]);
        Assert.DoesNotContain(problems[..^1], p => p.Contains("not listed"));
    }
}
