using System.Reflection;
using TrainService.Jobs;

namespace TrainService.Tests.Unit.Build;

/// <summary>The layering the README's architecture section describes, kept by the compiler's output.</summary>
public sealed class LayeringTests
{
    static readonly Assembly Api = typeof(Program).Assembly, Jobs = typeof(JobStore).Assembly,
        Models = typeof(TrainService.Models.Runtime.TorchRuntime).Assembly, Contracts = typeof(TrainService.Contracts.Specs.TrainingSpec).Assembly;

    static IEnumerable<string> References(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!);

    [Fact]
    public void OnlyModels_ReferencesTorchSharp()
    {
        Assert.Contains("TorchSharp", References(Models));
        Assert.All(new[] { Api, Jobs, Contracts }, assembly => Assert.DoesNotContain("TorchSharp", References(assembly)));
    }

    [Fact]
    public void ReferencesPointInward_ApiJobsModelsContracts()
    {
        Assert.DoesNotContain(Api.GetName().Name, References(Jobs));
        Assert.DoesNotContain(Jobs.GetName().Name, References(Models));
        Assert.DoesNotContain(Models.GetName().Name, References(Contracts));
        Assert.DoesNotContain(Jobs.GetName().Name, References(Contracts));
    }
}
