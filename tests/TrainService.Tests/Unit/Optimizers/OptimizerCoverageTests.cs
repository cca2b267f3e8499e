using TrainService.Models.Optimizers;
using System.Reflection;
using System.Text.Json.Serialization;
using TrainService.Contracts.Specs;
using TrainService.Models.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Tests.Unit.Optimizers;

/// <summary>A new optimizer kind without a builder or a save/restore case fails here (its XOR row: XorOptimizerTableCoverageTests).</summary>
public sealed class OptimizerCoverageTests
{
    static IEnumerable<Type> Kinds => typeof(OptimizerSpec).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType);

    [Fact]
    public void EveryOptimizerKind_HasABuilder_AndASaveRestoreCase()
    {
        foreach (var kind in Kinds)
        {
            var spec = (OptimizerSpec)Activator.CreateInstance(kind)!;
            using (NewDisposeScope())
            {
                using var optimizer = OptimizerFactory.Create(spec, [new Parameter(zeros(3))]);
                Assert.Equal((double)kind.GetProperty("Lr")!.GetValue(spec)!, optimizer.LearningRate, 12); // the spec's own default lr, read by the factory
            }
            Assert.Contains(OptimizerCases.All.Values, c => c.GetType() == kind);
        }
    }

    [Fact]
    public void EveryVariantOfEveryKindWithVariants_IsCovered()
    {
        foreach (var kind in Kinds.Where(k => k.GetProperty("Variant") is not null))
            foreach (var variant in Enum.GetValues<OptimizerVariant>())
                Assert.Contains(OptimizerCases.All.Values, c => c.GetType() == kind && (OptimizerVariant)kind.GetProperty("Variant")!.GetValue(c)! == variant);
    }
}
