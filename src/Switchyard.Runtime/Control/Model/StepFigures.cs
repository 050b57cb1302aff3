namespace Switchyard.Runtime.Control.Model;

/// <summary>A backend's answered requests over some span: how many, how many were 5xx, and their p99 latency.</summary>
/// <param name="Requests">Requests answered.</param>
/// <param name="Errors">Of those, the ones answered with a 5xx.</param>
/// <param name="P99LatencyMs">The 99th percentile latency in milliseconds, or null without requests.</param>
internal sealed record StepFigures(long Requests, long Errors, double? P99LatencyMs)
{
    public static StepFigures None { get; } = new(0, 0, null);

    /// <summary>The share of 5xx answers, or null without requests.</summary>
    public double? ErrorRate => Requests == 0 ? null : (double)Errors / Requests;
}
