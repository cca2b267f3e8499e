using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Execution;
using TrainService.Jobs.Monitoring;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Operations;

/// <summary>One trace id from the submit request to the job's training span and its log lines, whichever process trains it.</summary>
public sealed class TracingTests
{
    static readonly Dictionary<string, string> InformationLogs = new() { ["Serilog:MinimumLevel:Default"] = "Information" };

    [Fact]
    public async Task TrainingSpan_IsAChildOfTheSubmitRequest_AndJobLogsCarryItsTraceId()
    {
        var telemetry = new CapturedTelemetry();
        await using var factory = new TrainServiceFactory { Settings = InformationLogs, ConfigureServices = telemetry.AddTo };
        var client = factory.CreateClient();
        var (traceId, callerSpan, traceparent) = NewTraceParent();

        var job = await SubmitAsync(client, traceparent);
        Assert.Equal(JobStatus.Succeeded, (await client.WaitForFinalStateAsync(job)).Status);

        var training = await telemetry.WaitForSpanAsync(span => IsTrainingOf(span, job));
        var request = Assert.Single(telemetry.Spans, span => span.TraceId == traceId && IsSubmitRequest(span));
        Assert.Equal(callerSpan, request.ParentSpanId);
        Assert.Equal(traceId, training.TraceId);
        Assert.Equal(request.SpanId, training.ParentSpanId);
        Assert.Equal("succeeded", training.GetTagItem("trainservice.job.status"));

        var submitLog = Assert.Single(telemetry.Events, e => e.MessageTemplate.Text.StartsWith("HTTP {RequestMethod} {RequestPath}") && Rendered(e, "RequestPath") == "/api/jobs" && Rendered(e, "RequestMethod") == "POST");
        Assert.Equal(traceId, submitLog.TraceId);
        var jobLogs = telemetry.Events.Where(e => Rendered(e, "JobId") == job.ToString()).ToList();
        Assert.Contains(jobLogs, e => e.MessageTemplate.Text == "Job {JobId} ({Name}) started");
        Assert.Contains(jobLogs, e => e.MessageTemplate.Text == "Job {JobId} succeeded after {Epochs} epochs");
        Assert.All(jobLogs, e => Assert.Equal(traceId, e.TraceId));
        // Logged on the training thread, inside the training span: the span id is the job's own.
        Assert.Contains(jobLogs, e => e.SpanId == training.SpanId);
    }

    [Fact]
    public async Task AJobTrainedAfterARestart_ContinuesTheTraceStoredAtSubmit()
    {
        string folder = Path.Combine(Path.GetTempPath(), "trainservice-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string>(InformationLogs) { ["TrainService:DataDirectory"] = folder };
        var (traceId, _, traceparent) = NewTraceParent();
        try
        {
            Guid job;
            // The submitting process never delivers the job: only the database carries its context on.
            await using (var submitter = new TrainServiceFactory { Settings = settings, Postgres = false, ConfigureServices = s => s.AddSingleton<IJobQueue, NeverDelivered>() })
                job = await SubmitAsync(submitter.CreateClient(), traceparent);

            var telemetry = new CapturedTelemetry();
            await using var worker = new TrainServiceFactory { Settings = settings, Postgres = false, ConfigureServices = telemetry.AddTo };
            var client = worker.CreateClient();
            Assert.Equal(JobStatus.Succeeded, (await client.WaitForFinalStateAsync(job)).Status);

            var training = await telemetry.WaitForSpanAsync(span => IsTrainingOf(span, job));
            Assert.Equal(traceId, training.TraceId);
            Assert.True(training.HasRemoteParent);
            Assert.Contains(telemetry.Events, e => e.MessageTemplate.Text == "Job {JobId} succeeded after {Epochs} epochs" && Rendered(e, "JobId") == job.ToString() && e.TraceId == traceId);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task InPostgresMode_AWorkerHostContinuesTheApiHostsTrace()
    {
        string database = await PostgresCluster.CreateDatabaseAsync();
        string folder = Path.Combine(Path.GetTempPath(), "trainservice-tests", Guid.NewGuid().ToString("N"));
        Dictionary<string, string> Role(string role) => new(InformationLogs) { ["TrainService:Role"] = role, ["TrainService:WorkerName"] = role, ["TrainService:TrainingWorkers"] = "1" };
        var (traceId, _, traceparent) = NewTraceParent();
        var workerTelemetry = new CapturedTelemetry();
        await using var api = new TrainServiceFactory { Postgres = true, ConnectionString = database, DataDirectory = folder, Settings = Role("api") };
        await using var worker = new TrainServiceFactory { Postgres = true, ConnectionString = database, DataDirectory = folder, Settings = Role("worker"), ConfigureServices = workerTelemetry.AddTo };
        try
        {
            var client = api.CreateClient();
            Assert.Equal(System.Net.HttpStatusCode.OK, (await worker.CreateClient().GetAsync("/health/ready")).StatusCode);

            var job = await SubmitAsync(client, traceparent);
            var done = await client.WaitForFinalStateAsync(job);

            Assert.Equal(JobStatus.Succeeded, done.Status);
            Assert.Equal("worker", Assert.Single(done.Attempts!).Worker);
            Assert.Equal(traceId, (await workerTelemetry.WaitForSpanAsync(span => IsTrainingOf(span, job))).TraceId);
            Assert.Contains(workerTelemetry.Events, e => e.MessageTemplate.Text == "Job {JobId} succeeded after {Epochs} epochs" && Rendered(e, "JobId") == job.ToString() && e.TraceId == traceId);
        }
        finally
        {
            await PostgresCluster.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task ASubmitWithoutTraceContext_StartsATraceThatTheJobJoins()
    {
        var telemetry = new CapturedTelemetry();
        await using var factory = new TrainServiceFactory { ConfigureServices = telemetry.AddTo };
        var client = factory.CreateClient();

        var job = await SubmitAsync(client, traceparent: null);
        await client.WaitForFinalStateAsync(job);

        var training = await telemetry.WaitForSpanAsync(span => IsTrainingOf(span, job));
        var request = Assert.Single(telemetry.Spans, span => span.SpanId == training.ParentSpanId);
        Assert.True(IsSubmitRequest(request), request.DisplayName);
        Assert.Equal(default, request.ParentSpanId);
    }

    [Fact]
    public async Task WithAnOtlpEndpoint_TheJobsSpansAreExported()
    {
        using var collector = new OtlpHttpCollector();
        var settings = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100", // the batch exporter sends every 100 ms instead of 5 s
        };
        var (traceId, _, traceparent) = NewTraceParent();
        await using var factory = new TrainServiceFactory { Settings = settings };
        var client = factory.CreateClient();
        var job = await SubmitAsync(client, traceparent);
        await client.WaitForFinalStateAsync(job);

        var exported = await collector.WaitForAsync(request => request.Path == "/v1/traces" && request.Body.AsSpan().IndexOf(TraceIdBytes(traceId)) >= 0);
        Assert.Equal("/v1/traces", exported.Path);
    }

    [Fact]
    public async Task ADatabaseFromBeforeTheTraceParentMigration_GetsTheColumn()
    {
        string folder = Path.Combine(Path.GetTempPath(), "trainservice-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string> { ["TrainService:DataDirectory"] = folder };
        var (traceId, _, traceparent) = NewTraceParent();
        try
        {
            await using (var first = new TrainServiceFactory { Settings = settings, Postgres = false })
                Assert.Equal(System.Net.HttpStatusCode.OK, (await first.CreateClient().GetAsync("/api/jobs")).StatusCode);
            await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "trainservice.db")};Pooling=False"))
            {
                await connection.OpenAsync();
                await using var drop = connection.CreateCommand();
                // What a data folder at the previous migration looks like: no column, no history row for it.
                drop.CommandText = "ALTER TABLE Jobs DROP COLUMN TraceParent; DELETE FROM __EFMigrationsHistory WHERE MigrationId LIKE '%_JobTraceParent'";
                await drop.ExecuteNonQueryAsync();
            }

            var telemetry = new CapturedTelemetry();
            await using var second = new TrainServiceFactory { Settings = settings, Postgres = false, ConfigureServices = telemetry.AddTo };
            var client = second.CreateClient();
            var job = await SubmitAsync(client, traceparent);
            Assert.Equal(JobStatus.Succeeded, (await client.WaitForFinalStateAsync(job)).Status);
            Assert.Equal(traceId, (await telemetry.WaitForSpanAsync(span => IsTrainingOf(span, job))).TraceId);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    static byte[] TraceIdBytes(ActivityTraceId traceId)
    {
        var bytes = new byte[16];
        traceId.CopyTo(bytes);
        return bytes;
    }

    static async Task<Guid> SubmitAsync(HttpClient client, string? traceparent)
    {
        using var submit = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = new StringContent(Specs.Xor(epochs: 2), System.Text.Encoding.UTF8, "application/json") };
        if (traceparent is not null) submit.Headers.Add("traceparent", traceparent);
        var created = await client.SendAsync(submit);
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        return (await created.ReadAsync<JobResponse>()).Id;
    }

    static (ActivityTraceId TraceId, ActivitySpanId SpanId, string TraceParent) NewTraceParent()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var spanId = ActivitySpanId.CreateRandom();
        return (traceId, spanId, $"00-{traceId}-{spanId}-01");
    }

    static bool IsTrainingOf(Activity span, Guid job) =>
        span.Source.Name == JobTracing.SourceName && (string?)span.GetTagItem("trainservice.job.id") == job.ToString();

    static bool IsSubmitRequest(Activity span) =>
        span.Kind == ActivityKind.Server && (string?)span.GetTagItem("http.request.method") == "POST" && (string?)span.GetTagItem("url.path") == "/api/jobs";

    static string? Rendered(LogEvent logEvent, string property) =>
        logEvent.Properties.TryGetValue(property, out var value) && value is ScalarValue { Value: var scalar } ? scalar?.ToString() : null;

    sealed class NeverDelivered : IJobQueue
    {
        public void Enqueue(Guid jobId, Contracts.Specs.ComputeDevice device) { }
    }
}
