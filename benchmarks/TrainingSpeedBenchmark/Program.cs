using System.Diagnostics;
using TrainService.Benchmarks;
using TorchSharp;

// The service's training step against a bare TorchSharp loop on the same workloads, interleaved
// epoch by epoch in one process (Release, one torch thread). Not a test: timings vary by machine.
// Usage: dotnet run -c Release --project benchmarks/TrainingSpeedBenchmark [rounds] [--phases | --diagnostics [--every=N]]
// The speed column is the median over rounds of (bare ms/step ÷ service ms/step) of the same round: above 1 the service is faster.
// The CPU-time column is the same ratio of the training thread's CPU time: on a loaded machine it is the steadier one.
int rounds = args.FirstOrDefault(a => !a.StartsWith("--")) is { } r ? int.Parse(r) : 9;
torch.set_num_threads(1);

var workloads = new[]
{
    Workload.Mlp("MLP 64-128-128-10 relu, batch 32 (gaussians 64-d, 10 classes)", dimensions: 64, hidden: 128, batch: 32, samples: 3200),
    Workload.Mlp("MLP 784-256-256-10 relu, batch 128 (gaussians 784-d, 10 classes)", dimensions: 784, hidden: 256, batch: 128, samples: 6400),
};

if (args.Contains("--diagnostics"))
{
    // --every=1 samples every step: ten times the per-sample cost of every: 10, far above the noise, for comparing implementations.
    int every = args.FirstOrDefault(a => a.StartsWith("--every=")) is { } e ? int.Parse(e["--every=".Length..]) : 10;
    Console.WriteLine($"load: {File.ReadAllText("/proc/loadavg").Trim()}; diagnostics every {every} steps, median of {rounds} epoch pairs (thread CPU time)");
    foreach (var workload in workloads)
        Console.WriteLine($"{workload.Name,-68} diagnostics add {DiagnosticsOverhead.Run(workload, rounds, every):+0.0%;-0.0%}");
    Console.WriteLine($"load: {File.ReadAllText("/proc/loadavg").Trim()}");
    return;
}

if (args.Contains("--phases"))
{
    foreach (var workload in workloads) PhaseBreakdown.Print(workload, rounds);
    return;
}

Console.WriteLine($"load: {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} cores; torch threads 1; median of {rounds} interleaved epochs");
Console.WriteLine($"{"workload",-68} {"bare ms/step",13} {"service ms/step",16} {"bare ÷ service (speed)",23} {"same, CPU time",15}");
foreach (var workload in workloads)
{
    var (bare, service, speed, cpuSpeed) = Interleaved.Run(workload, rounds);
    Console.WriteLine($"{workload.Name,-68} {bare,13:F3} {service,16:F3} {speed,22:F2}× {cpuSpeed,14:F2}×");
}
Console.WriteLine($"load: {File.ReadAllText("/proc/loadavg").Trim()}");
