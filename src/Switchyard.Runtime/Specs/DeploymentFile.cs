using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Runtime.Specs;

/// <summary>Reads a deployment file: YAML or JSON, with relative paths in init args resolved against the file's folder.</summary>
internal static class DeploymentFile
{
    public static JsonElement Load(string path)
    {
        // Bytes, not text: invalid UTF-8 is refused naming the byte rather than silently replaced.
        var json = YamlJson.Parse(File.ReadAllBytes(path));
        return ResolvePaths(json, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Makes every string in any backend's init args that names an existing file or folder relative to <paramref name="folder"/> absolute.</summary>
    public static JsonElement ResolvePaths(JsonElement deployment, string folder)
    {
        var root = JsonNode.Parse(deployment.GetRawText());
        if (root?["backends"] is JsonObject backends)
        {
            foreach (var (_, backend) in backends)
            {
                if (backend is JsonObject b && b["init_args"] is { } args)
                {
                    b["init_args"] = Resolve(args, folder);
                }
            }
        }

        return JsonSerializer.SerializeToElement(root);
    }

    private static JsonNode? Resolve(JsonNode? node, string folder)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(kv => kv.Key).ToList())
                {
                    obj[key] = Resolve(obj[key]?.DeepClone(), folder);
                }

                return obj;
            case JsonArray array:
                return new JsonArray(array.Select(item => Resolve(item?.DeepClone(), folder)).ToArray());
            case JsonValue value when value.TryGetValue<string>(out var s) && s.Length > 0 && !Path.IsPathRooted(s):
                var candidate = Path.GetFullPath(Path.Combine(folder, s));
                return File.Exists(candidate) || Directory.Exists(candidate) ? JsonValue.Create(candidate) : value;
            default:
                return node;
        }
    }

    public static DeploymentSpec Read(JsonElement json, Problems problems) => SpecReader.ReadDeployment(json, problems);
}
