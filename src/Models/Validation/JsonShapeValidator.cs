using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using TrainService.Contracts.Json;
using TrainService.Contracts.Specs;

namespace TrainService.Models.Validation;

/// <summary>
/// Gate one: walks the raw JSON document against the serializer's own metadata for the spec types
/// and collects every shape error with its path (missing or unknown kinds, unknown, missing or null
/// fields, wrong JSON types, enum values that are not one of the names, numbers out of range). The
/// deserializer stops at the first error; this walk reports them all, so a user fixes a spec in one round.
/// </summary>
public static class JsonShapeValidator
{
    static readonly string SpecNamespace = typeof(TrainingSpec).Namespace!;

    public static void Validate(JsonNode? node, Type type, string path, ValidationErrors errors)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (node is null)
            errors.Add(path, IsSpecType(target) && target.IsAbstract ? "must be an object with a 'kind'" : "must not be null");
        else if (target.IsEnum)
            ValidateEnum(node, target, path, errors);
        else if (IsSpecType(target))
            ValidateObject(node, target, path, errors);
        else if (ElementType(target) is { } element)
            ValidateArray(node, element, path, errors);
        else
            ValidateLeaf(node, target, path, errors);
    }

    static void ValidateObject(JsonNode node, Type type, string path, ValidationErrors errors)
    {
        if (node is not JsonObject obj)
        {
            errors.Add(path, $"must be an object; got {Describe(node)}");
            return;
        }
        var info = ContractJson.Options.GetTypeInfo(type);
        string? discriminator = null;
        if (info.PolymorphismOptions is { } polymorphism)
        {
            discriminator = polymorphism.TypeDiscriminatorPropertyName;
            var kinds = polymorphism.DerivedTypes.Select(d => (Name: d.TypeDiscriminator as string, d.DerivedType)).ToList();
            string known = string.Join(", ", kinds.Select(k => $"'{k.Name}'"));
            string kindPath = $"{path}.{discriminator}";
            if (!obj.TryGetPropertyValue(discriminator, out var kindNode) || kindNode is null)
            {
                errors.Add(kindPath, $"is required (it selects the type: one of {known})");
                return;
            }
            if (kindNode.GetValueKind() != JsonValueKind.String)
            {
                errors.Add(kindPath, $"must be a string, one of {known}; got {Describe(kindNode)}");
                return;
            }
            string kind = kindNode.GetValue<string>();
            if (kinds.FirstOrDefault(k => k.Name == kind).DerivedType is not { } derived)
            {
                errors.Add(kindPath, $"unknown kind '{kind}'; expected one of {known}");
                return;
            }
            info = ContractJson.Options.GetTypeInfo(derived);
        }

        var properties = info.Properties.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in obj)
        {
            if (name == discriminator) continue;
            if (!properties.TryGetValue(name, out var property))
            {
                errors.Add($"{path}.{name}", "unknown field");
                continue;
            }
            string childPath = $"{path}.{property.Name}";
            if (value is null)
            {
                if (!property.IsSetNullable) errors.Add(childPath, "must not be null");
                continue;
            }
            int before = errors.Count;
            Validate(value, property.PropertyType, childPath, errors);
            if (errors.Count == before) CheckAttributes(value, property, childPath, errors);
        }
        var present = obj.Select(m => m.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var property in info.Properties.Where(p => p.IsRequired && !present.Contains(p.Name)))
            errors.Add($"{path}.{property.Name}", "is required");
    }

    static void ValidateArray(JsonNode node, Type element, string path, ValidationErrors errors)
    {
        if (node is not JsonArray array)
        {
            errors.Add(path, $"must be an array; got {Describe(node)}");
            return;
        }
        for (int i = 0; i < array.Count; i++) Validate(array[i], element, $"{path}[{i}]", errors);
    }

    static void ValidateEnum(JsonNode node, Type type, string path, ValidationErrors errors)
    {
        var names = type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name).ToList();
        string known = string.Join(", ", names.Select(n => $"'{n}'"));
        if (node.GetValueKind() != JsonValueKind.String)
            errors.Add(path, $"must be a string, one of {known}; got {Describe(node)}");
        else if (!names.Contains(node.GetValue<string>(), StringComparer.Ordinal))
            errors.Add(path, $"'{node.GetValue<string>()}' is not one of {known}");
    }

    static void ValidateLeaf(JsonNode node, Type type, string path, ValidationErrors errors)
    {
        try
        {
            node.Deserialize(type, ContractJson.Options);
        }
        catch (Exception error) when (error is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            string expected = Type.GetTypeCode(type) switch
            {
                TypeCode.Int32 => "an integer between -2147483648 and 2147483647",
                TypeCode.Int64 => "an integer",
                TypeCode.Double or TypeCode.Single => "a number",
                TypeCode.Boolean => "true or false",
                TypeCode.String => "a string",
                _ => type == typeof(Guid) ? "a GUID string" : "a valid value",
            };
            errors.Add(path, $"must be {expected}; got {Describe(node)}");
        }
    }

    // Ranges, lengths and counts, as gate two would check them, so they join the shape errors in one answer.
    static void CheckAttributes(JsonNode node, JsonPropertyInfo property, string path, ValidationErrors errors)
    {
        var attributes = property.AttributeProvider?.GetCustomAttributes(typeof(ValidationAttribute), true).Cast<ValidationAttribute>().ToList() ?? [];
        if (attributes.Count == 0) return;
        object? value = node is JsonArray array
            ? new object?[array.Count]
            : node.Deserialize(property.PropertyType, ContractJson.Options);
        foreach (var attribute in attributes)
        {
            if (node is JsonArray && attribute is not (MinLengthAttribute or MaxLengthAttribute or LengthAttribute)) continue;
            bool valid;
            try { valid = attribute.IsValid(value); }
            catch (Exception error) when (error is InvalidOperationException or InvalidCastException or ArgumentException) { continue; }
            if (!valid) errors.Add(path, FieldRangeValidator.Describe(attribute, value is object?[] items ? items.Length : value));
        }
    }

    static bool IsSpecType(Type type) => type.Namespace == SpecNamespace && type.IsClass;

    static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments() is [var element] ? element
        : null;

    static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => $"the string {node.ToJsonString()}",
        JsonValueKind.Number => $"the number {node.ToJsonString()}",
        JsonValueKind.True or JsonValueKind.False => node.ToJsonString(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
