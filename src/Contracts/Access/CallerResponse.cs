namespace TrainService.Contracts.Access;

/// <summary>Who the service takes the caller to be (<c>GET /api/whoami</c>): lets a page or a client check a key before using it.</summary>
/// <param name="AuthMode"><c>none</c> (no keys: everyone is the local user) or <c>keys</c>.</param>
/// <param name="Name">The key's name; <c>local</c> in mode none.</param>
/// <param name="Owner">Whose jobs, datasets and studies the caller creates and sees; empty in mode none.</param>
/// <param name="Scope">The highest scope the caller holds.</param>
public sealed record CallerResponse(string AuthMode, string Name, string Owner, Scope Scope);
