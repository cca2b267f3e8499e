using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>Start from another job's trained weights instead of a fresh initialisation. The model must be the same architecture.</summary>
public sealed record WarmStartSpec
{
    [Description("The job whose checkpoint provides the initial weights.")]
    public required Guid JobId { get; init; }

    [Description("Which of its checkpoints: final, best, latest, or a name such as epoch-000010.")]
    [StringLength(64, MinimumLength = 1)]
    public string Checkpoint { get; init; } = "latest";
}
