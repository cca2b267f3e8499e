using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using TrainService.Contracts.Specs;

namespace TrainService.Models.Validation;

/// <summary>
/// Gate two: walks the deserialized spec and checks every DataAnnotations attribute, naming
/// each failure by its JSON path ("$.model.layers[0].units"). The same attributes feed Swagger's
/// minimum/maximum, so the documentation and the check cannot drift apart.
/// </summary>
public static class FieldRangeValidator
{
    static readonly string SpecNamespace = typeof(TrainingSpec).Namespace!;

    public static void Validate(object spec, string path, ValidationErrors errors)
    {
        foreach (var property in spec.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0) continue;
            string childPath = $"{path}.{JsonNamingPolicy.CamelCase.ConvertName(property.Name)}";
            object? value = property.GetValue(spec);
            foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
            {
                var context = new ValidationContext(spec) { MemberName = property.Name, DisplayName = childPath };
                var result = attribute.GetValidationResult(value, context);
                if (result is not null && result != ValidationResult.Success)
                    errors.Add(childPath, Describe(attribute, value));
            }
            Recurse(value, childPath, errors);
        }
    }

    static void Recurse(object? value, string path, ValidationErrors errors)
    {
        switch (value)
        {
            case null or string:
                return;
            case IEnumerable items:
                int i = 0;
                foreach (var item in items) Recurse(item, $"{path}[{i++}]", errors);
                return;
            default:
                if (value.GetType().Namespace == SpecNamespace && !value.GetType().IsEnum)
                    Validate(value, path, errors);
                return;
        }
    }

    internal static string Describe(ValidationAttribute attribute, object? value) => attribute switch
    {
        RangeAttribute range => $"must be between {range.Minimum} and {range.Maximum}; got {Format(value)}",
        StringLengthAttribute length => $"must have between {length.MinimumLength} and {length.MaximumLength} characters",
        MinLengthAttribute min => $"must have at least {min.Length} entries",
        MaxLengthAttribute max => $"must have at most {max.Length} entries",
        _ => attribute.FormatErrorMessage("value"),
    };

    static string Format(object? value) => value switch
    {
        double d => d.ToString("G", System.Globalization.CultureInfo.InvariantCulture),
        null => "null",
        _ => value.ToString() ?? "",
    };
}
