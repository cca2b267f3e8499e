using TrainService.Contracts.Responses;

namespace TrainService.Api.Endpoints;

/// <summary>
/// Values a model cannot take: JSON numbers beyond float range (1e400 parses as Infinity, 1e39
/// overflows the float32 tensor) would silently turn every output into NaN or Infinity.
/// </summary>
static class PredictInputCheck
{
    const int MaxReported = 20;

    public static Dictionary<string, string[]> FindBadValues(PredictRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        for (int i = 0; i < request.Inputs.Count && errors.Count < MaxReported; i++)
        {
            var row = request.Inputs[i];
            if (row is null) continue; // the row-length check names it
            for (int j = 0; j < row.Length && errors.Count < MaxReported; j++)
                if (!double.IsFinite(row[j]) || Math.Abs(row[j]) > float.MaxValue)
                    errors[$"$.inputs[{i}][{j}]"] = [$"must be a finite number within ±{float.MaxValue:G3} (32-bit float), got {row[j]:G3}"];
        }
        return errors;
    }
}
