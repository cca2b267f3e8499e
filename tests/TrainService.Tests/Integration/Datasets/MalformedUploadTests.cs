using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Datasets;

/// <summary>A server with small limits (2,000 bytes, 5 columns) so the limit cases stay tiny.</summary>
public sealed class SmallLimitsServer : IAsyncLifetime
{
    readonly TrainServiceFactory root = new();
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    public string DataDirectory => root.DataDirectory;

    public Task InitializeAsync()
    {
        Factory = root.WithWebHostBuilder(b => b
            .UseSetting("TrainService:MaxDatasetBytes", "2000")
            .UseSetting("TrainService:MaxDatasetColumns", "5"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await root.DisposeAsync();
}

/// <summary>Every malformed upload gets a 400 naming the problem and leaves no dataset row or file.</summary>
public sealed class MalformedUploadTests(SmallLimitsServer server) : IClassFixture<SmallLimitsServer>
{
    sealed record Case(Func<HttpContent> Body, string Field, string Message);

    static readonly Dictionary<string, Case> Cases = new()
    {
        ["non-numeric cell"] = new(() => DatasetForms.Csv("a,b,y\n1,2,0\n3,abc,1\n", "binary", "y"), "file", "row 2, column 'b': 'abc' is not a number"),
        ["missing value"] = new(() => DatasetForms.Csv("a,b,y\n1,,0\n3,4,1\n", "binary", "y"), "file", "row 1, column 'b': missing value"),
        ["NA marker"] = new(() => DatasetForms.Csv("a,y\n1,0\nNA,1\n", "binary", "y"), "file", "row 2, column 'a': missing value"),
        ["unknown target column"] = new(() => DatasetForms.Csv("a,y\n1,0\n2,1\n", "binary", "label"), "target", "column 'label' does not exist; the columns are a, y"),
        ["no target"] = new(() => DatasetForms.Csv("a,y\n1,0\n2,1\n", "binary", null), "target", "is required"),
        ["unknown feature column"] = new(() => DatasetForms.Csv("a,y\n1,0\n2,1\n", "binary", "y", "a,zz"), "features", "column 'zz' does not exist"),
        ["one class only"] = new(() => DatasetForms.Csv("a,y\n1,1\n2,1\n3,1\n", "binary", "y"), "target", "holds only one class (1); a classifier needs at least two"),
        ["binary label outside 0/1"] = new(() => DatasetForms.Csv("a,y\n1,0\n2,2\n", "binary", "y"), "file", "row 2, column 'y': class label 2 must be 0 or 1"),
        ["fractional class label"] = new(() => DatasetForms.Csv("a,y\n1,0\n2,1.5\n", "multiclass", "y"), "file", "class label 1.5 must be a whole number"),
        ["two targets for a classifier"] = new(() => DatasetForms.Csv("a,y,z\n1,0,1\n2,1,0\n", "multiclass", "y,z"), "target", "exactly one target column"),
        ["file over the size limit"] = new(() => DatasetForms.Csv("a,y\n" + string.Concat(Enumerable.Repeat("1,0\n", 750)), "binary", "y"), "file", "is 3004 bytes; the limit is 2000 bytes"),
        ["too many columns"] = new(() => DatasetForms.Csv("a,b,c,d,e,y\n1,2,3,4,5,0\n", "binary", "y"), "file", "has 6 columns; the limit is 5"),
        ["empty file"] = new(() => DatasetForms.Csv("", "binary", "y"), "file", "is empty"),
        ["blank file"] = new(() => DatasetForms.Csv(" \n\n", "binary", "y"), "file", "is empty"),
        ["header only"] = new(() => DatasetForms.Csv("a,y\n", "binary", "y"), "file", "has a header but no data rows"),
        ["ragged row"] = new(() => DatasetForms.Csv("a,b,y\n1,2,0\n3,1\n", "binary", "y"), "file", "row 2 (line 3) has 2 cells but the header has 3 columns"),
        ["duplicate column"] = new(() => DatasetForms.Csv("a,a,y\n1,2,0\n3,4,1\n", "binary", "y"), "file", "column 'a' appears more than once"),
        ["invalid JSON"] = new(() => DatasetForms.Csv("[{\"a\": 1,", "binary", "y", fileName: "d.json", contentType: "application/json"), "file", "is not valid JSON"),
        ["JSON string cell"] = new(() => DatasetForms.Csv("[{\"a\": 1, \"y\": 0}, {\"a\": \"two\", \"y\": 1}]", "binary", "y", fileName: "d.json", contentType: null), "file", "row 2, column 'a': '\"two\"' is not a number"),
        ["file part of the wrong type"] = new(() => DatasetForms.Csv("a,y\n1,0\n2,1\n", "binary", "y", fileName: "d.png", contentType: "image/png"), "file", "must be CSV (text/csv) or JSON (application/json); got content type 'image/png'"),
        ["request neither multipart nor a file body"] = new(() => new StringContent("a,y\n1,0\n", Encoding.UTF8, "text/plain"), "contentType", "must be multipart/form-data with a 'file' part, or a text/csv or application/json body"),
        ["no file part"] = new(() => new MultipartFormDataContent { { new StringContent("binary"), "task" } }, "file", "is required"),
        ["missing task"] = new(() => DatasetForms.Csv("a,y\n1,0\n2,1\n", null, "y"), "task", "is required: regression, binary or multiclass"),
        ["unknown task"] = new(() => DatasetForms.Csv("a,y\n1,0\n2,1\n", "clustering", "y"), "task", "must be regression, binary or multiclass; got 'clustering'"),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory, MemberData(nameof(CaseNames))]
    public async Task MalformedUpload_Is400NamingTheProblem_AndStoresNothing(string name)
    {
        var client = server.Factory.CreateClient();
        var @case = Cases[name];
        var response = await client.PostAsync("/api/datasets", @case.Body());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("The dataset upload is invalid", await response.Content.ReadAsStringAsync());
        var errors = await response.ReadValidationErrorsAsync();
        Assert.True(errors.ContainsKey(@case.Field), $"errors name {string.Join(", ", errors.Keys)}, expected {@case.Field}");
        Assert.Contains(errors[@case.Field], m => m.Contains(@case.Message, StringComparison.Ordinal));

        var list = await (await client.GetAsync("/api/datasets")).ReadAsync<PagedList<DatasetResponse>>();
        Assert.Equal(0, list.Total);
        string folder = Path.Combine(server.DataDirectory, "artifacts", "datasets");
        Assert.False(Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any(), "no dataset file is left behind");
    }

    [Fact]
    public async Task ValidUpload_UnderTheSameLimits_IsAccepted()
    {
        // Guards the cases above: they fail for their own reason, not because the limits reject everything.
        var client = server.Factory.CreateClient();
        var response = await client.PostAsync("/api/datasets", DatasetForms.Csv("a,b,c,d,y\n1,2,3,4,0\n5,6,7,8,1\n", "binary", "y"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<DatasetResponse>();
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/datasets/{created.Id}")).StatusCode);
    }
}
