using System.Text.Json;

namespace TrainService.Models.Validation;

/// <summary>
/// Finds every key that appears twice in one JSON object, by path. Strict JSON rejects them (the
/// serializer would otherwise keep the last); the document reader stops at the first and names no path.
/// Throws <see cref="JsonException"/> on a document that is not JSON at all.
/// </summary>
public static class DuplicateKeys
{
    public static void Find(ReadOnlySpan<byte> json, ValidationErrors errors)
    {
        var reader = new Utf8JsonReader(json);
        var frames = new Stack<Frame>();
        string? pendingName = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var frame = frames.Peek();
                    pendingName = reader.GetString()!;
                    if (!frame.Names!.Add(pendingName)) errors.Add($"{frame.Path}.{pendingName}", "duplicate key: each key may appear once in an object");
                    break;
                case JsonTokenType.StartObject:
                    frames.Push(new Frame(ChildPath(frames, pendingName), new HashSet<string>(StringComparer.Ordinal)));
                    break;
                case JsonTokenType.StartArray:
                    frames.Push(new Frame(ChildPath(frames, pendingName), null));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.Pop();
                    Advance(frames);
                    break;
                default:
                    Advance(frames);
                    break;
            }
            if (reader.TokenType != JsonTokenType.PropertyName) pendingName = null;
        }
    }

    sealed class Frame(string path, HashSet<string>? names)
    {
        public string Path { get; } = path;
        public HashSet<string>? Names { get; } = names;
        public int Index { get; set; }
    }

    static string ChildPath(Stack<Frame> frames, string? name) =>
        frames.Count == 0 ? "$" : frames.Peek() is { Names: null } array ? $"{array.Path}[{array.Index}]" : $"{frames.Peek().Path}.{name}";

    // A finished value moves its array on to the next index.
    static void Advance(Stack<Frame> frames)
    {
        if (frames.Count > 0 && frames.Peek().Names is null) frames.Peek().Index++;
    }
}
