using System.Text.Json;
using Switchyard.Runtime.Specs;

namespace Switchyard.Tests.Specs;

public sealed class SpecReaderRolloutTests
{
    private static JsonElement J(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void ReadRollout_ContractExample_ReadAsGiven()
    {
        var problems = new Problems();
        var rollout = SpecReader.ReadRollout(J("""
            {"to": "digits_v2", "steps": [0.05, 0.25, 0.5, 1.0], "step_interval_s": 30,
             "analysis": {"min_requests": 100, "max_error_rate": 0.01, "max_p99_latency_ms": 250}}
            """), problems)!;
        SpecValidator.ValidateRollout(rollout, problems);

        Assert.False(problems.Any, problems.ToString());
        Assert.Equal("digits_v2", rollout.To);
        Assert.Equal([0.05, 0.25, 0.5, 1.0], rollout.Steps);
        Assert.Equal(30, rollout.StepIntervalS);
        Assert.Equal(new RolloutAnalysis { MinRequests = 100, MaxErrorRate = 0.01, MaxP99LatencyMs = 250 }, rollout.Analysis);
    }

    [Fact]
    public void ReadRollout_NoAnalysis_NoThresholdsAndNoMinimum()
    {
        var problems = new Problems();
        var rollout = SpecReader.ReadRollout(J("""{"to": "v2", "steps": [1], "step_interval_s": 5}"""), problems)!;

        Assert.False(problems.Any);
        Assert.Equal(new RolloutAnalysis(), rollout.Analysis);
    }

    [Fact]
    public void ReadRollout_MissingAndUnknownFields_AllNamed()
    {
        var problems = new Problems();
        Assert.Null(SpecReader.ReadRollout(J("""{"target": "v2", "analysis": {"max_errors": 1}}"""), problems));

        Assert.Equal(
            ["target: is not a known field", "analysis.max_errors: is not a known field", "to: is required", "steps: is required", "step_interval_s: is required"],
            problems.Items.Select(p => p[..(p.IndexOf(" (known", StringComparison.Ordinal) is var i and > 0 ? i : p.Length)]));
    }

    [Fact]
    public void ReadRollout_TooManySteps_RefusedWithoutReadingThem()
    {
        var steps = string.Join(",", Enumerable.Range(1, SpecValidator.MaxRolloutSteps + 1).Select(i => "0.001"));
        var problems = new Problems();
        Assert.Null(SpecReader.ReadRollout(J($$"""{"to": "v2", "steps": [{{steps}}], "step_interval_s": 5}"""), problems));
        Assert.Equal($"steps: has {SpecValidator.MaxRolloutSteps + 1} entries; at most {SpecValidator.MaxRolloutSteps} are allowed", Assert.Single(problems.Items));
    }

    [Fact]
    public void ValidateRollout_BadStepsIntervalAndThresholds_EveryProblemReported()
    {
        var rollout = new RolloutSpec
        {
            To = "bad name",
            Steps = [0.5, 0.5, 1.5, 0.9],
            StepIntervalS = 0,
            Analysis = new RolloutAnalysis { MinRequests = -1, MaxErrorRate = 2, MaxP99LatencyMs = 0 },
        };
        var problems = new Problems();

        SpecValidator.ValidateRollout(rollout, problems);

        Assert.Equal(
            ["to", "steps[1]", "steps[2]", "steps[3]", "steps[3]", "step_interval_s", "analysis.min_requests", "analysis.max_error_rate", "analysis.max_p99_latency_ms"],
            problems.Items.Select(p => p[..p.IndexOf(':')]));
        Assert.Contains(problems.Items, p => p.StartsWith("steps[3]: the last step must be 1.0", StringComparison.Ordinal));
    }
}
