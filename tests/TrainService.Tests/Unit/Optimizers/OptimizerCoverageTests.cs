using System.Reflection;
using System.Text.Json.Serialization;
using TrainService.Contracts.Specs;
using TrainService.Models.Training;
using TrainService.Tests.Integration.Optimizers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Tests.Unit.Optimizers;

/// <summary>A new optimizer kind without a builder, a save/restore case or a row in the XOR table fails here.</summary>
public sealed class OptimizerCoverageTests
{
    static IEnumerable<Type> Kinds => typeof(OptimizerSpec).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType);

    [Fact]
    public void EveryOptimizerKind_HasABuilder_ASaveRestoreCase_AndAnXorRow()
    {
        foreach (var kind in Kinds)
        {
            var spec = (OptimizerSpec)Activator.CreateInstance(kind)!;
            using (NewDisposeScope())
            {
                using var optimizer = OptimizerFactory.Create(spec, [new Parameter(zeros(3))]);
                Assert.Equal(spec.InitialLr(), optimizer.LearningRate, 12);
            }
            Assert.Contains(OptimizerCases.All.Values, c => c.GetType() == kind);
            Assert.Contains(XorOptimizerTable.Rows.Values, r => r.Optimizer.GetType() == kind);
        }
    }

    [Fact]
    public void EveryVariantOfEveryKindWithVariants_IsCovered()
    {
        foreach (var kind in Kinds.Where(k => k.GetProperty("Variant") is not null))
            foreach (var variant in Enum.GetValues<OptimizerVariant>())
            {
                Assert.Contains(OptimizerCases.All.Values, c => c.GetType() == kind && (OptimizerVariant)kind.GetProperty("Variant")!.GetValue(c)! == variant);
                Assert.Contains(XorOptimizerTable.Rows.Values, r => r.Optimizer.GetType() == kind && (OptimizerVariant)kind.GetProperty("Variant")!.GetValue(r.Optimizer)! == variant);
            }
    }
}
