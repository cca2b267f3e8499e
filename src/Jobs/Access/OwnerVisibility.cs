namespace TrainService.Jobs.Access;

/// <summary>
/// Whose jobs, datasets and studies a database context shows, and whose name it stamps on the
/// rows it creates. Workers, Auth:Mode none and admin keys see every owner.
/// </summary>
/// <param name="Owner">Stamped on new rows; the only owner shown unless <paramref name="SeesEveryOwner"/>.</param>
public sealed record OwnerVisibility(string Owner, bool SeesEveryOwner)
{
    /// <summary>No caller (a worker, a start-up task): every row, new rows unowned.</summary>
    public static OwnerVisibility Everything { get; } = new("", true);

    /// <summary>A caller that must see nothing: an unauthenticated request in keys mode.</summary>
    public static OwnerVisibility Nothing { get; } = new("\0nobody", false);
}

/// <summary>Who is asking, as of now; read once when a database context is created.</summary>
public interface ICurrentOwner
{
    OwnerVisibility Current { get; }
}

/// <summary>The default without an HTTP host: everything is visible (tools, tests of the Jobs layer).</summary>
sealed class EveryOwner : ICurrentOwner
{
    public OwnerVisibility Current => OwnerVisibility.Everything;
}
