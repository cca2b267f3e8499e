namespace TrainService.Contracts.Responses;

/// <summary>The trained model measured once, after the last epoch, on the held-out test split (training.testSplit &gt; 0).</summary>
/// <param name="Rows">Examples in the test split.</param>
/// <param name="Loss">Mean loss over the test split.</param>
/// <param name="Accuracy">Fraction of test examples classified correctly; absent for regression.</param>
public sealed record TestMetrics(int Rows, double Loss, double? Accuracy);
