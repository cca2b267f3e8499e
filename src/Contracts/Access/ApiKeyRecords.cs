namespace TrainService.Contracts.Access;

/// <summary>Body of <c>POST /api/keys</c>.</summary>
/// <param name="Name">A label for people, e.g. the machine or person using the key.</param>
/// <param name="Scopes">read, submit and/or admin; the highest one counts.</param>
/// <param name="Owner">Whose jobs, datasets and studies the key creates and sees (default: the name).</param>
public sealed record CreateApiKeyRequest(string Name, IReadOnlyList<Scope> Scopes, string? Owner = null);

/// <summary>An API key as listed: never the key itself, only its first characters.</summary>
/// <param name="Id">Use it to revoke the key (<c>DELETE /api/keys/{id}</c>).</param>
/// <param name="Prefix">The key's first characters, to recognise it.</param>
/// <param name="Name">The label given at creation.</param>
/// <param name="Owner">Whose resources the key creates and sees.</param>
/// <param name="Scopes">What the key may do.</param>
/// <param name="CreatedAt">When the key was created.</param>
/// <param name="RevokedAt">When the key was revoked; null while it works.</param>
public sealed record ApiKeyResponse(Guid Id, string Prefix, string Name, string Owner, IReadOnlyList<Scope> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A new API key: the only time the key itself is shown; the service keeps only its SHA-256 hash.</summary>
/// <param name="Key">Send it as <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key</c>.</param>
/// <param name="Details">The key as it will be listed.</param>
public sealed record CreatedApiKeyResponse(string Key, ApiKeyResponse Details);
