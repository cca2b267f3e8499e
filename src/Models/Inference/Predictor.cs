using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Models.Checkpoints;
using TrainService.Models.Data;
using TrainService.Models.Networks;
using TrainService.Models.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Models.Inference;

/// <summary>
/// A trained network ready to answer predict requests. Thread-safe: forward passes run in
/// inference mode with no shared mutable state, and every tensor dies with its request's scope.
/// </summary>
public sealed class Predictor : IDisposable
{
    readonly nn.Module<Tensor, Tensor> model;
    readonly Device device;
    readonly int[] inputShape;
    readonly ClassDecoding decoding;
    readonly Standardizer? standardizer;

    Predictor(nn.Module<Tensor, Tensor> model, Device device, int[] inputShape, ClassDecoding decoding, Standardizer? standardizer)
    {
        this.standardizer = standardizer;
        this.model = model;
        this.device = device;
        this.inputShape = inputShape;
        this.decoding = decoding;
    }

    public int InputSize => inputShape.Aggregate(1, (a, b) => a * b);

    /// <summary>Loads the weights; <paramref name="preprocessing"/> (saved by training) supplies the class decoding and the input standardizer.</summary>
    public static Predictor Load(TrainingSpec spec, Stream weights, PreprocessingArtifact? preprocessing = null)
    {
        var model = NetworkFactory.Build(spec.Model, spec.Training.Seed);
        try
        {
            CheckpointFile.ReadWeights(weights, model);
            var device = TorchDevices.Resolve(spec.Device);
            model.to(device);
            model.eval();
            var data = preprocessing?.Shape ?? DatasetCatalog.Describe(spec.Dataset);
            return new Predictor(model, device, spec.Model.InputShape, ClassDecoder.For(data, spec.Loss), preprocessing?.Standardizer);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Forward passes run on a multiple of this many rows (zero rows fill the rest). libtorch's
    /// kernels give a row different last bits depending on where it lands: matmul below 4 rows
    /// takes another path, and element-wise functions (tanh, sigmoid) round the scalar tail of a
    /// tensor differently from its vector body. With whole multiples of 32 rows every row takes
    /// the same path wherever it sits, so a request's answer is the same bits alone or
    /// micro-batched with others (measured on the course's MLPs and a CNN, one torch thread).
    /// </summary>
    public const int RowQuantum = 32;

    /// <summary>Runs rows already checked to have <see cref="InputSize"/> values each.</summary>
    public PredictResponse Predict(IReadOnlyList<double[]> rows)
    {
        int paddedRows = (rows.Count + RowQuantum - 1) / RowQuantum * RowQuantum;
        var flat = new float[paddedRows * InputSize];
        for (int i = 0; i < rows.Count; i++)
            for (int j = 0; j < InputSize; j++)
                flat[i * InputSize + j] = (float)rows[i][j];
        standardizer?.ApplyInPlace(flat); // the model was trained on standardised inputs; users send raw ones

        using var scope = NewDisposeScope();
        using var inference = inference_mode();
        long[] shape = [paddedRows, .. inputShape.Select(d => (long)d)];
        var output = model.forward(tensor(flat, shape, device: device)).narrow(0, 0, rows.Count).reshape(rows.Count, -1).to(CPU);
        var values = output.to(ScalarType.Float64).data<double>().ToArray();
        int width = (int)output.shape[1];
        var outputs = Enumerable.Range(0, rows.Count).Select(i => values[(i * width)..((i + 1) * width)]).ToList();
        IReadOnlyList<int>? classes = decoding == ClassDecoding.None
            ? null
            : ClassDecoder.Decide(output, decoding).data<long>().Select(c => (int)c).ToList();
        return new PredictResponse(outputs, classes);
    }

    public void Dispose() => model.Dispose();
}
