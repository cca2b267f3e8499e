using static TorchSharp.torch;

namespace TrainService.Models.Optimizers;

/// <summary>What L-BFGS carries between steps (PyTorch's state dict: d, t, old_dirs, old_stps, ro, H_diag, prev_flat_grad, prev_loss, n_iter), owned outside any dispose scope.</summary>
sealed class LbfgsHistory : IDisposable
{
    public long Iterations;
    public double T;
    public double PreviousLoss;
    public Tensor? D, HDiag, PreviousGrad;
    public readonly List<Tensor> Dirs = [], Stps = [], Ro = [];

    public void Reset(Tensor direction)
    {
        ClearPairs();
        SetDirection(direction);
        Replace(ref HDiag, ones(1, dtype: direction.dtype, device: direction.device).squeeze(0));
    }

    public void SetDirection(Tensor direction) => Replace(ref D, direction);

    public void SetPrevious(Tensor flatGrad, double loss)
    {
        Replace(ref PreviousGrad, flatGrad.clone());
        PreviousLoss = loss;
    }

    public void Push(Tensor y, Tensor s, Tensor ys, int historySize)
    {
        if (Dirs.Count == historySize)
        {
            foreach (var list in new[] { Dirs, Stps, Ro }) { list[0].Dispose(); list.RemoveAt(0); }
        }
        Dirs.Add(y.clone().DetachFromDisposeScope());
        Stps.Add(s.clone().DetachFromDisposeScope());
        Ro.Add(ys.reciprocal().DetachFromDisposeScope());
        Replace(ref HDiag, ys.div(Lbfgs.Dot(y, y)));
    }

    void Replace(ref Tensor? slot, Tensor value)
    {
        slot?.Dispose();
        slot = value.DetachFromDisposeScope();
    }

    void ClearPairs()
    {
        foreach (var t in Dirs.Concat(Stps).Concat(Ro)) t.Dispose();
        Dirs.Clear(); Stps.Clear(); Ro.Clear();
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Iterations);
        writer.Write(T);
        writer.Write(PreviousLoss);
        writer.Write(D is not null);
        if (D is null) return;
        foreach (var t in new[] { D, HDiag!, PreviousGrad! }) StateIo.WriteTensor(writer, t);
        writer.Write(Dirs.Count);
        for (int i = 0; i < Dirs.Count; i++)
            foreach (var t in new[] { Dirs[i], Stps[i], Ro[i] }) StateIo.WriteTensor(writer, t);
    }

    public void Read(BinaryReader reader, Device device)
    {
        Iterations = reader.ReadInt64();
        T = reader.ReadDouble();
        PreviousLoss = reader.ReadDouble();
        ClearPairs();
        if (!reader.ReadBoolean()) return;
        Replace(ref D, StateIo.ReadTensor(reader, device));
        Replace(ref HDiag, StateIo.ReadTensor(reader, device));
        Replace(ref PreviousGrad, StateIo.ReadTensor(reader, device));
        int count = reader.ReadInt32();
        for (int i = 0; i < count; i++)
        {
            Dirs.Add(StateIo.ReadTensor(reader, device).DetachFromDisposeScope());
            Stps.Add(StateIo.ReadTensor(reader, device).DetachFromDisposeScope());
            Ro.Add(StateIo.ReadTensor(reader, device).DetachFromDisposeScope());
        }
    }

    public void Dispose()
    {
        ClearPairs();
        D?.Dispose(); HDiag?.Dispose(); PreviousGrad?.Dispose();
    }
}
