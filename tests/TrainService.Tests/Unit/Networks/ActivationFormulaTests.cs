using TrainService.Contracts.Specs;
using TrainService.Models.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Tests.Unit.Networks;

/// <summary>Each activation's value and autograd derivative against the catalog's formula, on inputs away from kinks.</summary>
public sealed class ActivationFormulaTests
{
    static readonly double[] Z = [-3.5, -0.7, 0.3, 1.2, 2.5];
    const double SeluAlpha = 1.6732632423543772, SeluLambda = 1.0507009873554805;

    static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
    static double Phi(double z) => 0.5 * (1 + Erf(z / Math.Sqrt(2)));

    // Abramowitz and Stegun 7.1.26 (|error| < 1.5e-7), enough against float32.
    static double Erf(double x)
    {
        double t = 1 / (1 + 0.3275911 * Math.Abs(x));
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return Math.Sign(x) * y;
    }

    public static TheoryData<Activation> Functions() => new(Enum.GetValues<Activation>().Where(a => a != Activation.Softmax));

    static (Func<double, double> F, Func<double, double> D) Formula(Activation a)
    {
        const double k = 0.7978845608028654; // √(2/π)
        double rreluSlope = (1.0 / 8 + 1.0 / 3) / 2;
        return a switch
        {
            Activation.Identity => (z => z, _ => 1),
            Activation.Sigmoid => (Sigmoid, z => Sigmoid(z) * (1 - Sigmoid(z))),
            Activation.Tanh => (Math.Tanh, z => 1 - Math.Tanh(z) * Math.Tanh(z)),
            Activation.Softsign => (z => z / (1 + Math.Abs(z)), z => 1 / Math.Pow(1 + Math.Abs(z), 2)),
            Activation.HardSigmoid => (z => Math.Clamp(z / 6 + 0.5, 0, 1), z => Math.Abs(z) < 3 ? 1.0 / 6 : 0),
            Activation.HardTanh => (z => Math.Clamp(z, -1, 1), z => Math.Abs(z) < 1 ? 1 : 0),
            Activation.Relu or Activation.NoisyRelu => (z => Math.Max(0, z), z => z > 0 ? 1 : 0),
            Activation.LeakyRelu => (z => z >= 0 ? z : 0.01 * z, z => z >= 0 ? 1 : 0.01),
            Activation.Prelu => (z => z >= 0 ? z : 0.25 * z, z => z >= 0 ? 1 : 0.25),
            Activation.Rrelu => (z => z >= 0 ? z : rreluSlope * z, z => z >= 0 ? 1 : rreluSlope),
            Activation.Elu => (z => z >= 0 ? z : Math.Exp(z) - 1, z => z >= 0 ? 1 : Math.Exp(z)),
            Activation.Selu => (z => SeluLambda * (z >= 0 ? z : SeluAlpha * (Math.Exp(z) - 1)), z => SeluLambda * (z >= 0 ? 1 : SeluAlpha * Math.Exp(z))),
            Activation.Gelu => (z => z * Phi(z), z => Phi(z) + z * Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI)),
            Activation.GeluTanh => (
                z => 0.5 * z * (1 + Math.Tanh(k * (z + 0.044715 * z * z * z))),
                z =>
                {
                    double t = Math.Tanh(k * (z + 0.044715 * z * z * z));
                    return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * k * (1 + 3 * 0.044715 * z * z);
                }),
            Activation.GeluSigmoid => (z => z * Sigmoid(1.702 * z), z => Sigmoid(1.702 * z) + 1.702 * z * Sigmoid(1.702 * z) * (1 - Sigmoid(1.702 * z))),
            Activation.Silu => (z => z * Sigmoid(z), z => Sigmoid(z) + z * Sigmoid(z) * (1 - Sigmoid(z))),
            Activation.Softplus => (z => Math.Log(1 + Math.Exp(z)), Sigmoid),
            _ => throw new ArgumentOutOfRangeException(nameof(a)),
        };
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Activation_InEval_MatchesFormulaAndDerivative(Activation activation)
    {
        using var scope = NewDisposeScope();
        using var module = ActivationFactory.Create(activation, new BuildContext(1, null, null));
        module.eval();
        var z = tensor(Z.Select(v => (float)v).ToArray()).requires_grad_();
        var y = module.forward(z);
        y.sum().backward();
        var (f, d) = Formula(activation);
        var values = y.data<float>().ToArray();
        var grads = z.grad!.data<float>().ToArray();
        for (int i = 0; i < Z.Length; i++)
        {
            Assert.Equal(f(Z[i]), values[i], 4);
            Assert.Equal(d(Z[i]), grads[i], 4);
        }
    }

    [Fact]
    public void Softmax_MatchesExpOverSum_AndItsJacobian()
    {
        using var scope = NewDisposeScope();
        using var module = ActivationFactory.Create(Activation.Softmax, new BuildContext(1, null, null));
        double[] z = [1.0, -0.5, 2.0];
        double[] w = [0.3, -1.0, 2.0];
        var input = tensor(z.Select(v => (float)v).ToArray(), [1, 3]).requires_grad_();
        var s = module.forward(input);
        (s * tensor(w.Select(v => (float)v).ToArray(), [1, 3])).sum().backward();
        double total = z.Sum(Math.Exp);
        var expected = z.Select(v => Math.Exp(v) / total).ToArray();
        double weighted = expected.Zip(w, (a, b) => a * b).Sum();
        var values = s.data<float>().ToArray();
        var grads = input.grad!.data<float>().ToArray();
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i], values[i], 5);
            Assert.Equal(expected[i] * (w[i] - weighted), grads[i], 5); // ∂(w·s)/∂z_i = s_i(w_i − w·s)
        }
    }

    [Fact]
    public void ActivationLayer_Parameters_OverrideCourseDefaults()
    {
        using var scope = NewDisposeScope();
        var context = new BuildContext(1, null, null);
        var z = tensor(new float[] { -2f, 3f });
        using var leaky = ActivationFactory.Create(new ActivationLayerSpec { Function = Activation.LeakyRelu, Alpha = 0.1 }, [2], context);
        using var elu = ActivationFactory.Create(new ActivationLayerSpec { Function = Activation.Elu, Alpha = 2.0 }, [2], context);
        Assert.Equal(-0.2f, leaky.forward(z).data<float>()[0], 5);
        Assert.Equal((float)(2.0 * (Math.Exp(-2) - 1)), elu.forward(z).data<float>()[0], 5);
    }
}
