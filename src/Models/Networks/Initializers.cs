using TrainService.Contracts.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Models.Networks;

/// <summary>The initialisers of one module: input weights, recurrent (hidden-to-hidden) weights, biases; null = leave as built.</summary>
public sealed record ModuleInit(InitSpec? Weights, InitSpec? Bias = null, InitSpec? Recurrent = null);

/// <summary>
/// Applies initialisation schemes to a module's parameters: weight matrices (two or more
/// dimensions), hidden-to-hidden weights (<c>weight_hh</c>: the recurrent scheme, else orthogonal
/// when a weight scheme is set, as the course recommends for RNNs) and biases (one-dimensional
/// parameters named <c>bias…</c>, using the fans of their own weight matrix). Draws come from the
/// global generator, which <see cref="NetworkFactory"/> seeds under its lock.
/// </summary>
public static class Initializers
{
    public static void Apply(nn.Module module, ModuleInit init)
    {
        if (init is { Weights: null, Bias: null, Recurrent: null }) return;
        using var noGrad = no_grad();
        var parameters = module.named_parameters().ToList();
        foreach (var (name, parameter) in parameters)
        {
            if (parameter.dim() >= 2)
            {
                if (!name.Contains("weight_hh", StringComparison.Ordinal)) { if (init.Weights is { } w) Fill(parameter, w, Fans(parameter)); }
                else if (init.Recurrent is { } r) Fill(parameter, r, Fans(parameter));
                else if (init.Weights is not null) nn.init.orthogonal_(parameter);
            }
            else if (init.Bias is { } b && IsBias(name))
                Fill(parameter, b, Fans(WeightOf(name, parameter, parameters)));
        }
    }

    static bool IsBias(string name) => name[(name.LastIndexOf('.') + 1)..].StartsWith("bias", StringComparison.Ordinal);

    /// <summary>The weight a bias belongs to: same name with weight for bias (<c>bias_ih_l0</c> → <c>weight_ih_l0</c>), else the first matrix with as many rows.</summary>
    static Tensor? WeightOf(string biasName, Tensor bias, List<(string Name, TorchSharp.Modules.Parameter Parameter)> parameters)
    {
        int cut = biasName.LastIndexOf('.') + 1;
        string weightName = biasName[..cut] + "weight" + biasName[(cut + 4)..];
        return parameters.FirstOrDefault(p => p.Name == weightName && p.Parameter.dim() >= 2).Parameter
            ?? parameters.FirstOrDefault(p => p.Parameter.dim() >= 2 && p.Parameter.shape[0] == bias.shape[0]).Parameter;
    }

    static (double FanIn, double FanOut) Fans(Tensor? weight)
    {
        if (weight is null) return (1, 1);
        long receptive = weight.shape.Skip(2).Aggregate(1L, (a, b) => a * b);
        return (weight.shape[1] * receptive, weight.shape[0] * receptive);
    }

    static void Fill(Tensor parameter, InitSpec init, (double FanIn, double FanOut) fans)
    {
        var (fanIn, fanOut) = fans;
        switch (init.Scheme)
        {
            case InitScheme.XavierUniform: Uniform(parameter, Math.Sqrt(6 / (fanIn + fanOut))); break;
            case InitScheme.XavierNormal: parameter.normal_(0, Math.Sqrt(2 / (fanIn + fanOut))); break;
            case InitScheme.HeUniform: Uniform(parameter, Math.Sqrt(6 / fanIn)); break;
            case InitScheme.HeNormal: parameter.normal_(0, Math.Sqrt(2 / fanIn)); break;
            case InitScheme.LecunNormal: parameter.normal_(0, Math.Sqrt(1 / fanIn)); break;
            // Validation rejects orthogonal for biases (a vector has no orthogonal form).
            case InitScheme.Orthogonal: nn.init.orthogonal_(parameter); break;
            case InitScheme.Zeros: parameter.zero_(); break;
            case InitScheme.Normal: parameter.normal_(0, init.Std); break;
            case InitScheme.Constant:
                using (var value = init.Value.ToScalar()) parameter.fill_(value);
                break;
            default: throw new NotSupportedException($"Initialiser {init.Scheme} has no rule.");
        }
    }

    static void Uniform(Tensor weight, double bound) => weight.uniform_(-bound, bound);

    /// <summary>
    /// Sets the LSTM forget gate's total bias (gate order i, f, g, o in every bias vector): the
    /// input-side bias (or the peephole cell's only bias) carries the value, the hidden-side bias
    /// gets zero there, so their sum is the value.
    /// </summary>
    public static void ForgetGateBias(nn.Module lstm, double value, int hidden)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in lstm.named_parameters())
        {
            if (parameter.dim() != 1 || !IsBias(name)) continue;
            using var forget = parameter.narrow(0, hidden, hidden);
            using var fill = (name.Contains("bias_hh", StringComparison.Ordinal) ? 0.0 : value).ToScalar();
            forget.fill_(fill);
        }
    }
}
