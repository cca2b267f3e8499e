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

    [Fact]
    public void Persistence_IsInvisibleOutsideJobs()
    {
        var persistence = Jobs.GetTypes().Where(t => t.Namespace == "TrainService.Jobs.Persistence").ToList();
        Assert.Contains(persistence, t => t.Name == "TrainDbContext");
        Assert.All(persistence, t => Assert.False(t.IsVisible, $"{t.Name} is visible outside TrainService.Jobs"));
        // Nor does a public member of Jobs hand one out.
        var leaks = Jobs.GetExportedTypes()
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => MemberTypes(m).Any(type => type.Namespace == "TrainService.Jobs.Persistence"))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}");
        Assert.Empty(leaks);
    }

    static IEnumerable<Type> MemberTypes(MemberInfo member) => (member switch
    {
        MethodInfo method => method.GetParameters().Select(p => p.ParameterType).Append(method.ReturnType),
        ConstructorInfo constructor => constructor.GetParameters().Select(p => p.ParameterType),
        PropertyInfo property => [property.PropertyType],
        FieldInfo field => [field.FieldType],
        _ => Enumerable.Empty<Type>(),
    }).SelectMany(Unwrap);

    static IEnumerable<Type> Unwrap(Type type) => type.IsGenericType
        ? type.GetGenericArguments().SelectMany(Unwrap).Prepend(type)
        : type.HasElementType ? Unwrap(type.GetElementType()!).Prepend(type) : [type];
}
