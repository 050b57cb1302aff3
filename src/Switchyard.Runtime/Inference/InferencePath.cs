namespace Switchyard.Runtime.Inference;

/// <summary>A parsed <c>/v2</c> path: which call, for which model (endpoint) and version (backend).</summary>
internal readonly record struct InferencePath(InferenceCallKind Kind, string? Model, string? Version)
{
    /// <summary>True for <c>/v2</c> and every path below it (the protocol owns them all).</summary>
    public static bool IsProtocolPath(string path) =>
        path.StartsWith("/v2", StringComparison.Ordinal) && (path.Length == 3 || path[3] == '/');

    /// <summary>The HTTP method the call takes.</summary>
    public string Method => Kind == InferenceCallKind.Infer ? "POST" : "GET";

    /// <summary>Parses a protocol path (one trailing slash allowed); false when it names no call.</summary>
    public static bool TryParse(string path, out InferencePath parsed)
    {
        parsed = default;
        if (!IsProtocolPath(path))
        {
            return false;
        }

        var segments = path.TrimEnd('/').Split('/')[2..];
        switch (segments)
        {
            case []:
                parsed = new InferencePath(InferenceCallKind.Server, null, null);
                return true;
            case ["health", "live"]:
                parsed = new InferencePath(InferenceCallKind.Live, null, null);
                return true;
            case ["health", "ready"]:
                parsed = new InferencePath(InferenceCallKind.Ready, null, null);
                return true;
            case ["models", var model, .. var rest] when model.Length > 0:
                return TryParseModel(model, rest, out parsed);
            default:
                return false;
        }
    }

    private static bool TryParseModel(string model, string[] rest, out InferencePath parsed)
    {
        string? version = null;
        if (rest is ["versions", var v, .. var after] && v.Length > 0)
        {
            version = v;
            rest = after;
        }

        InferenceCallKind? kind = rest switch
        {
            [] => InferenceCallKind.Model,
            ["ready"] => InferenceCallKind.ModelReady,
            ["infer"] => InferenceCallKind.Infer,
            _ => null,
        };
        parsed = kind is { } k ? new InferencePath(k, model, version) : default;
        return kind is not null;
    }
}
