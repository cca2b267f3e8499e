using System.Collections;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Serilog.Core;
using Serilog.Events;

namespace TrainService.Tests.Infrastructure;

/// <summary>
/// The spans (OpenTelemetry's in-memory exporter) and Serilog events a host produced, for tests of
/// tracing. Span sources are process-wide, so spans of other tests' hosts arrive too: filter by trace id.
/// </summary>
public sealed class CapturedTelemetry : ILogEventSink
{
    readonly LockedList<Activity> spans = new();
    readonly LockedList<LogEvent> events = new();

    /// <summary>Adds the exporter and the sink to a host (<see cref="TrainServiceFactory.ConfigureServices"/>).</summary>
    public void AddTo(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
        // The host's Serilog reads sinks from the container (ReadFrom.Services).
        services.AddSingleton<ILogEventSink>(this);
    }

    public IReadOnlyList<Activity> Spans => spans.Snapshot();
    public IReadOnlyList<LogEvent> Events => events.Snapshot();

    public void Emit(LogEvent logEvent) => events.Add(logEvent);

    /// <summary>Waits until a span matching <paramref name="match"/> has ended (a job's span ends just after its status is stored).</summary>
    public async Task<Activity> WaitForSpanAsync(Func<Activity, bool> match)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (Spans.FirstOrDefault(match) is { } span) return span;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("No matching span was exported.");
            await Task.Delay(20);
        }
    }

    /// <summary>The exporter adds from whichever thread ends a span while the test reads.</summary>
    sealed class LockedList<T> : ICollection<T>
    {
        readonly List<T> items = [];
        public int Count { get { lock (items) return items.Count; } }
        public bool IsReadOnly => false;
        public void Add(T item) { lock (items) items.Add(item); }
        public void Clear() { lock (items) items.Clear(); }
        public bool Contains(T item) { lock (items) return items.Contains(item); }
        public void CopyTo(T[] array, int index) { lock (items) items.CopyTo(array, index); }
        public bool Remove(T item) { lock (items) return items.Remove(item); }
        public IReadOnlyList<T> Snapshot() { lock (items) return [.. items]; }
        public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
