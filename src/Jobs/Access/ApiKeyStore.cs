using Microsoft.EntityFrameworkCore;
using TrainService.Contracts.Access;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs.Access;

/// <summary>A key that authenticated: who owns it and the highest scope it holds.</summary>
public sealed record AuthenticatedKey(Guid Id, string Name, string Owner, Scope Scope);

/// <summary>
/// API keys: created (the key shown once), listed (prefix only), revoked, and checked on every
/// request. Nothing is cached, so a revoke takes effect with the next request.
/// </summary>
public sealed class ApiKeyStore
{
    readonly IDbContextFactory<TrainDbContext> dbFactory;
    readonly TimeProvider clock;

    internal ApiKeyStore(IDbContextFactory<TrainDbContext> dbFactory, TimeProvider clock) => (this.dbFactory, this.clock) = (dbFactory, clock);

    public async Task<CreatedApiKeyResponse> CreateAsync(string name, string owner, IReadOnlyCollection<Scope> scopes, CancellationToken ct)
    {
        string key = ApiKeySecrets.Generate();
        return new CreatedApiKeyResponse(key, await StoreAsync(key, name, owner, scopes, ct));
    }

    /// <summary>Stores the configured bootstrap admin key unless it is stored already (revoked or not: a revoke sticks).</summary>
    public async Task<bool> EnsureStoredAsync(string key, string name, string owner, Scope scope, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        string hash = ApiKeySecrets.HashHex(key);
        if (await db.ApiKeys.AnyAsync(k => k.Hash == hash, ct)) return false;
        try
        {
            await StoreAsync(key, name, owner, [scope], ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another process sharing the database stored it first (the hash is unique); anything else is rethrown.
            if (await db.ApiKeys.AnyAsync(k => k.Hash == hash, ct)) return false;
            throw;
        }
    }

    async Task<ApiKeyResponse> StoreAsync(string key, string name, string owner, IReadOnlyCollection<Scope> scopes, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var row = new ApiKeyRow
        {
            Id = Guid.CreateVersion7(now),
            Prefix = ApiKeySecrets.Prefix(key),
            Hash = ApiKeySecrets.HashHex(key),
            Name = name,
            Owner = owner,
            Scopes = string.Join(',', scopes.Distinct().Order().Select(ScopeNames.Name)),
            CreatedAt = now,
        };
        db.ApiKeys.Add(row);
        await db.SaveChangesAsync(ct);
        return ToResponse(row);
    }

    public async Task<IReadOnlyList<ApiKeyResponse>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).ToListAsync(ct);
        return rows.Select(ToResponse).ToList();
    }

    /// <summary>Marks the key revoked (once; a second revoke keeps the first time); null when no key has this id.</summary>
    public async Task<ApiKeyResponse?> RevokeAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (row is null) return null;
        row.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return ToResponse(row);
    }

    /// <summary>The key's owner and scope, or null for an unknown or revoked key.</summary>
    public async Task<AuthenticatedKey?> AuthenticateAsync(string presented, CancellationToken ct)
    {
        if (presented.Length is < ApiKeySecrets.MinimumLength or > 512) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        string prefix = ApiKeySecrets.Prefix(presented);
        var candidates = await db.ApiKeys.AsNoTracking().Where(k => k.Prefix == prefix && k.RevokedAt == null).ToListAsync(ct);
        var match = candidates.FirstOrDefault(k => ApiKeySecrets.Matches(presented, k.Hash));
        return match is null ? null : new AuthenticatedKey(match.Id, match.Name, match.Owner, ScopesOf(match).Max());
    }

    static IReadOnlyList<Scope> ScopesOf(ApiKeyRow row) =>
        row.Scopes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => ScopeNames.Parse(s) ?? Scope.Read).ToList();

    static ApiKeyResponse ToResponse(ApiKeyRow row) =>
        new(row.Id, row.Prefix, row.Name, row.Owner, ScopesOf(row), row.CreatedAt, row.RevokedAt);
}
