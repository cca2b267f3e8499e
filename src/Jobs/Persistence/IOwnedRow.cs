namespace TrainService.Jobs.Persistence;

/// <summary>
/// A row that belongs to the owner of the API key that created it. TrainDbContext shows a caller
/// only its own owner's rows (admins and workers see all) and stamps the owner on insert.
/// </summary>
internal interface IOwnedRow
{
    /// <summary>The key owner's name; empty for rows made without keys (Auth:Mode none).</summary>
    string Owner { get; set; }
}
