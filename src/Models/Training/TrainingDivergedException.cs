namespace TrainService.Models.Training;

/// <summary>The loss stopped being a finite number; training cannot continue meaningfully.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);
