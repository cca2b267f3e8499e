using System.Reflection;
using System.Text.Json.Serialization;
using TrainService.Contracts.Specs;

namespace TrainService.Tests.Integration.Optimizers;

/// <summary>A new optimizer kind or variant without a row in the README's XOR table fails here.</summary>
public sealed class XorOptimizerTableCoverageTests
{
    static IEnumerable<Type> Kinds => typeof(OptimizerSpec).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType);

    [Fact]
    public void EveryOptimizerKind_HasAnXorRow()
    {
        foreach (var kind in Kinds)
            Assert.Contains(XorOptimizerTable.Rows.Values, r => r.Optimizer.GetType() == kind);
    }

    [Fact]
    public void EveryVariantOfEveryKindWithVariants_HasAnXorRow()
    {
        foreach (var kind in Kinds.Where(k => k.GetProperty("Variant") is not null))
            foreach (var variant in Enum.GetValues<OptimizerVariant>())
                Assert.Contains(XorOptimizerTable.Rows.Values, r => r.Optimizer.GetType() == kind && (OptimizerVariant)kind.GetProperty("Variant")!.GetValue(r.Optimizer)! == variant);
    }
}
