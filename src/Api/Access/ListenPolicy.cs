using System.Net;
using Microsoft.Extensions.Options;
using TrainService.Jobs.Access;

namespace TrainService.Api.Access;

/// <summary>
/// Auth:Mode none trusts everyone who can reach the port, so it listens on loopback only; any
/// other address needs keys. Checked against the configured addresses before Kestrel binds.
/// </summary>
public static class ListenPolicy
{
    const string KestrelDefault = "http://localhost:5000";

    /// <summary>The addresses the host will bind: --urls / ASPNETCORE_URLS, ASPNETCORE_HTTP(S)_PORTS, Kestrel:Endpoints.</summary>
    public static IReadOnlyList<string> ConfiguredAddresses(IConfiguration configuration)
    {
        var addresses = new List<string>();
        if (configuration["urls"] is { Length: > 0 } urls) addresses.AddRange(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        else
            foreach (var (key, scheme) in new[] { ("http_ports", "http"), ("https_ports", "https") })
                if (configuration[key] is { Length: > 0 } ports)
                    addresses.AddRange(ports.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"{scheme}://*:{p}"));
        addresses.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        return addresses.Count > 0 ? addresses : [KestrelDefault];
    }

    /// <summary>localhost and loopback IPs; Kestrel binds any other host name to every interface.</summary>
    public static bool IsLoopback(string address)
    {
        if (!Uri.TryCreate(address.Replace("://*", "://any-host").Replace("://+", "://any-host"), UriKind.Absolute, out var uri)) return false;
        if (uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary>Logs the mode and the addresses; false (after logging why) when none mode would listen beyond loopback.</summary>
    public static bool Check(WebApplication app)
    {
        var mode = app.Services.GetRequiredService<IOptions<AccessOptions>>().Value.Mode;
        var addresses = ConfiguredAddresses(app.Configuration);
        if (mode == AuthMode.Keys)
        {
            app.Logger.LogInformation("Auth mode keys: every API call needs an API key; listening on {Addresses}", addresses);
            return true;
        }
        var exposed = addresses.Where(a => !IsLoopback(a)).ToList();
        if (exposed.Count == 0)
        {
            app.Logger.LogInformation("Auth mode none: no API keys, so listening on loopback addresses only ({Addresses}); set TrainService:Auth:Mode=keys to serve other addresses", addresses);
            return true;
        }
        const string Refusal = "Refusing to start: Auth mode none would listen on {Exposed}, which is not loopback, and anyone who can reach it could submit, read and delete. " +
            "Set TrainService:Auth:Mode=keys (and create a key: keys create --name admin --scopes admin), or listen on localhost only.";
        app.Logger.LogCritical(Refusal, exposed);
        // Also straight to stderr: a host without a configured log sink must still say why it exits.
        Console.Error.WriteLine(Refusal.Replace("{Exposed}", string.Join(", ", exposed)));
        return false;
    }
}
