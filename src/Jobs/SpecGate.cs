using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using TrainService.Contracts.Json;
using TrainService.Contracts.Specs;
using TrainService.Models.Data;
using TrainService.Models.Validation;

namespace TrainService.Jobs;

/// <summary>What the gate found: the bound spec and its inferred shapes when valid, otherwise every error.</summary>
public sealed record SpecGateResult(TrainingSpec? Spec, SpecValidationResult? Validation, IDictionary<string, string[]> Errors, bool Malformed)
{
    public bool IsValid => Errors.Count == 0;
    public string Title => Malformed ? "The training spec is malformed" : "The training spec is invalid";
}

/// <summary>
/// The one gate every spec passes before anything uses it: JSON shape (duplicate keys, kinds,
/// fields, enum names, ranges: all errors at once), then binding, field ranges, semantics and the
/// warm start against the database. Submission and /api/specs/validate both call this, so they
/// cannot disagree about what is valid.
/// </summary>
public sealed class SpecGate
{
    readonly WarmStartValidator warmStarts;
    readonly IUploadedDatasets uploads;
    readonly IOptions<ModelLimits> limits;
    readonly Execution.LiveWorkers workers;

    // Internal: its dependencies are Jobs' own persistence; JobsServiceCollectionExtensions builds it.
    internal SpecGate(WarmStartValidator warmStarts, IUploadedDatasets uploads, IOptions<ModelLimits> limits, Execution.LiveWorkers workers)
    {
        this.workers = workers;
        this.warmStarts = warmStarts;
        this.uploads = uploads;
        this.limits = limits;
    }

    public async Task<SpecGateResult> CheckAsync(Stream body, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, ct);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        JsonNode? node;
        try
        {
            DuplicateKeys.Find(bytes.Span, errors);
            if (!errors.IsEmpty) return Malformed(errors);
            node = JsonNode.Parse(bytes.Span);
        }
        catch (JsonException error)
        {
            // The document reader does not know the path of a syntax error; the serializer does.
            errors.AddRange(JsonErrorText.Describe(PathOf(bytes) ?? error));
            return Malformed(errors);
        }
        if (node is not JsonObject)
        {
            errors.Add("$", "the body must be a JSON object");
            return Malformed(errors);
        }
        JsonShapeValidator.Validate(node, typeof(TrainingSpec), "$", errors);
        if (!errors.IsEmpty) return Malformed(errors);

        TrainingSpec spec;
        try
        {
            spec = node.Deserialize<TrainingSpec>(ContractJson.Options)!;
        }
        catch (Exception error) when (error is JsonException or NotSupportedException)
        {
            errors.AddRange(JsonErrorText.Describe(error));
            return Malformed(errors);
        }
        // The API may run where no GPU is: what counts is whether some live worker trains on the device.
        bool deviceLive = spec.Device == ComputeDevice.Cpu || await workers.AnyOnAsync(spec.Device, ct);
        var validation = SpecValidator.Validate(spec, uploads, limits.Value,
            _ => deviceLive ? null : "has no live worker (no worker with TrainService:Device=cuda has sent a heartbeat lately)");
        errors.AddRange(validation.Errors);
        errors.AddRange(await warmStarts.ValidateAsync(spec, ct));
        if (errors.IsEmpty) spec = ResolvedDefaults(spec);
        return new SpecGateResult(spec, validation, errors.ToDictionary(), Malformed: false);
    }

    /// <summary>
    /// Defaults that depend on other fields, written into the accepted spec so that the job's
    /// echoed spec says what will happen. A valid spec with validationSplit &gt; 0 always has validation rows.
    /// </summary>
    static TrainingSpec ResolvedDefaults(TrainingSpec spec) => spec.Checkpoints.BestMetric is not null ? spec : spec with
    {
        Checkpoints = spec.Checkpoints with { BestMetric = spec.Training.ValidationSplit > 0 ? BestMetric.ValLoss : BestMetric.TrainLoss },
    };

    static JsonException? PathOf(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            JsonSerializer.Deserialize<TrainingSpec>(bytes.Span, ContractJson.Options);
            return null;
        }
        catch (JsonException error)
        {
            return error;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    static SpecGateResult Malformed(ValidationErrors errors) => new(null, null, errors.ToDictionary(), Malformed: true);
}
