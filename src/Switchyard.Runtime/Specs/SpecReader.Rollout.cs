using System.Text.Json;

namespace Switchyard.Runtime.Specs;

internal static partial class SpecReader
{
    private static readonly string[] RolloutFields = ["to", "steps", "step_interval_s", "analysis"];
    private static readonly string[] AnalysisFields = ["min_requests", "max_error_rate", "max_p99_latency_ms"];

    /// <summary>Reads a rollout (CONTRACT section 11); null when a required field is missing or unreadable (each is a problem).</summary>
    public static RolloutSpec? ReadRollout(JsonElement json, Problems problems)
    {
        if (!ExpectObject(json, string.Empty, problems, RolloutFields))
        {
            return null;
        }

        string? to = null;
        List<double>? steps = null;
        double? interval = null;
        var analysis = new RolloutAnalysis();
        foreach (var property in json.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "to":
                    to = ReadString(value, "to", problems);
                    break;
                case "steps":
                    steps = ReadNumbers(value, "steps", SpecValidator.MaxRolloutSteps, problems);
                    break;
                case "step_interval_s":
                    interval = ReadNumber(value, "step_interval_s", problems);
                    break;
                case "analysis" when value.ValueKind != JsonValueKind.Null:
                    analysis = ReadAnalysis(value, "analysis", problems);
                    break;
            }
        }

        foreach (var required in (string[])["to", "steps", "step_interval_s"])
        {
            if (!json.TryGetProperty(required, out _))
            {
                problems.Add(required, "is required");
            }
        }

        return to is null || steps is null || interval is null
            ? null
            : new RolloutSpec { To = to, Steps = steps, StepIntervalS = interval.Value, Analysis = analysis };
    }

    private static RolloutAnalysis ReadAnalysis(JsonElement json, string path, Problems problems)
    {
        var analysis = new RolloutAnalysis();
        if (!ExpectObject(json, path, problems, AnalysisFields))
        {
            return analysis;
        }

        foreach (var property in json.EnumerateObject())
        {
            var at = Join(path, property.Name);
            var value = property.Value;
            var isNull = value.ValueKind == JsonValueKind.Null;
            switch (property.Name)
            {
                case "min_requests" when ReadInt(value, at, problems) is { } v: analysis = analysis with { MinRequests = v }; break;
                case "max_error_rate": analysis = analysis with { MaxErrorRate = isNull ? null : ReadNumber(value, at, problems) }; break;
                case "max_p99_latency_ms": analysis = analysis with { MaxP99LatencyMs = isNull ? null : ReadNumber(value, at, problems) }; break;
            }
        }

        return analysis;
    }

    private static List<double>? ReadNumbers(JsonElement json, string path, int max, Problems problems)
    {
        if (json.ValueKind != JsonValueKind.Array)
        {
            problems.Add(path, $"must be an array of numbers, not {Describe(json)}");
            return null;
        }

        if (json.GetArrayLength() is var length && length > max)
        {
            problems.Add(path, $"has {length} entries; at most {max} are allowed");
            return null;
        }

        var numbers = new List<double>();
        var i = 0;
        foreach (var item in json.EnumerateArray())
        {
            if (ReadNumber(item, $"{path}[{i++}]", problems) is { } v)
            {
                numbers.Add(v);
            }
        }

        return numbers;
    }
}
