namespace TrainService.Jobs.Persistence;

/// <summary>An API key as stored: its SHA-256 hash and first characters, never the key itself.</summary>
internal sealed class ApiKeyRow
{
    public Guid Id { get; set; }
    /// <summary>The key's first characters: found by this, then compared by hash in constant time.</summary>
    public required string Prefix { get; set; }
    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 bytes.</summary>
    public required string Hash { get; set; }
    public required string Name { get; set; }
    public required string Owner { get; set; }
    /// <summary>Comma-separated scope names (read, submit, admin).</summary>
    public required string Scopes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
