using System.Text.Json;

namespace Switchyard;

/// <summary>The JSON settings Switchyard uses for request and result bodies (System.Text.Json web defaults).</summary>
public static class ServeJson
{
    /// <summary>Web defaults: camelCase names, case-insensitive reads, numbers from strings allowed.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
