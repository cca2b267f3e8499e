namespace TrainService.Contracts.Responses;

/// <summary>A valid spec that is likely to train badly, and why, in the course's terms. Never an error: the job runs as asked.</summary>
/// <param name="Code">Stable identifier, e.g. <c>deep_saturating_stack</c> (see <see cref="SpecWarningCodes"/>).</param>
/// <param name="Path">JSON path of the field to change.</param>
/// <param name="Message">One sentence: what will likely happen and what to do instead.</param>
public sealed record SpecWarning(string Code, string Path, string Message);

/// <summary>Warning codes.</summary>
public static class SpecWarningCodes
{
    public const string DeepSaturatingStack = "deep_saturating_stack", ReluDefaultInit = "relu_default_init",
        SeluWithoutLecun = "selu_without_lecun_normal", BatchNormSmallBatch = "batchnorm_small_batch",
        DropoutBeforeBatchNorm = "dropout_before_batchnorm", LongRnnUnclipped = "rnn_long_sequence_unclipped",
        TbpttShorterThanDependency = "tbptt_shorter_than_dependency", UnstandardisedSgdLargeLr = "unstandardised_sgd_large_lr",
        NewtonManyParameters = "newton_many_parameters";
}
