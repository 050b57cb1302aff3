using System.Text.Json;

namespace Switchyard.Onnx;

public sealed partial class OnnxBackend
{
    /// <summary>
    /// Refuses <c>max_batch_size</c> above 1 for a model that cannot batch (a fixed first dimension), naming why.
    /// Reads only the declared inputs and outputs from the file; a file the controller's node cannot read is left
    /// to the replicas, which report ONNX Runtime's own message.
    /// </summary>
    public static IEnumerable<SpecProblem> ValidateSpec(BackendSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var batch = spec.Config.MaxBatchSize;
        if (batch <= 1 || InitArg(spec.InitArgs, "model", 0) is not { ValueKind: JsonValueKind.String } model)
        {
            return [];
        }

        var outputs = InitArg(spec.InitArgs, "outputs", 2) is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray().Where(o => o.ValueKind == JsonValueKind.String).Select(o => o.GetString()!).ToList()
            : null;
        var reason = UnbatchableReason(model.GetString()!, outputs);
        return reason is null
            ? []
            : [new SpecProblem("config.max_batch_size", $"is {batch} but model '{model.GetString()}' cannot batch: {reason}; use max_batch_size 1 (each request then runs alone)")];
    }

    private static string? UnbatchableReason(string model, IReadOnlyList<string>? outputs)
    {
        var path = Path.GetFullPath(model);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return OnnxModelFile.Read(path).UnbatchableReason(outputs);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>An init arg by name (as the activator binds: case and underscores ignored) or by position.</summary>
    private static JsonElement? InitArg(JsonElement? args, string name, int position)
    {
        switch (args)
        {
            case { ValueKind: JsonValueKind.Object } obj:
                foreach (var property in obj.EnumerateObject())
                {
                    if (string.Equals(property.Name.Replace("_", string.Empty, StringComparison.Ordinal), name, StringComparison.OrdinalIgnoreCase))
                    {
                        return property.Value;
                    }
                }

                return null;
            case { ValueKind: JsonValueKind.Array } array when array.GetArrayLength() > position:
                return array[position];
            default:
                return null;
        }
    }
}
