using System.Text;
using TrainService.Contracts.Specs;
using TrainService.Contracts.Specs.Studies;
using TrainService.Models.Validation;

namespace TrainService.Jobs.Studies;

/// <summary>
/// Plans a study and passes every arm × seed spec through the spec gate, errors keyed
/// <c>arms[i].$.path</c>. Submission and suite validation both call this, so they agree on what is valid.
/// </summary>
internal static class StudyGate
{
    public static async Task<(IReadOnlyList<PlannedArm> Arms, List<(PlannedArm Arm, long Seed, TrainingSpec Spec)> Accepted, ValidationErrors Errors)> CheckAsync(
        SpecGate gate, StudySpec study, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var arms = StudyPlanner.Plan(study, errors);
        var accepted = new List<(PlannedArm Arm, long Seed, TrainingSpec Spec)>();
        foreach (var arm in arms)
            foreach (var (seed, document) in arm.Runs)
            {
                using var body = new MemoryStream(Encoding.UTF8.GetBytes(document.ToJsonString()));
                var gated = await gate.CheckAsync(body, ct);
                foreach (var (path, messages) in gated.Errors)
                    foreach (var message in messages) errors.Add($"arms[{arm.Index}].{path}", $"{message} (arm {arm.Label})");
                if (gated.IsValid) accepted.Add((arm, seed, gated.Spec!));
            }
        return (arms, accepted, errors);
    }
}
