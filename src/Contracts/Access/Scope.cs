using System.Text.Json.Serialization;

namespace TrainService.Contracts.Access;

/// <summary>
/// What an API key may do. Each scope includes the ones before it: <c>submit</c> can read,
/// <c>admin</c> can submit and read.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<Scope>))]
public enum Scope
{
    /// <summary>Read jobs, metrics, plots, checkpoints, datasets and studies; predict.</summary>
    [JsonStringEnumMemberName("read")] Read,
    /// <summary>Also create and cancel jobs and studies, upload and delete datasets.</summary>
    [JsonStringEnumMemberName("submit")] Submit,
    /// <summary>Also manage API keys, see every owner's resources, open the Hangfire dashboard.</summary>
    [JsonStringEnumMemberName("admin")] Admin,
}
