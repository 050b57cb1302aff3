namespace Switchyard.Runtime.Control.Loops;

/// <summary>A backend's answered requests over the last few seconds, over every node (<c>live</c> in <c>GET /api/status</c>).</summary>
/// <param name="RequestsPerS">Requests answered per second.</param>
/// <param name="ErrorRate">The share of them answered with a 5xx; null without requests.</param>
/// <param name="P50Ms">Median latency in milliseconds; null without requests.</param>
/// <param name="P99Ms">99th percentile latency in milliseconds; null without requests.</param>
internal sealed record LiveFigures(double RequestsPerS, double? ErrorRate, double? P50Ms, double? P99Ms);
