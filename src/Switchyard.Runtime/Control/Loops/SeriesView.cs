namespace Switchyard.Runtime.Control.Loops;

/// <summary>
/// One backend's figures over the last minutes, one point per second ending at <paramref name="EndSecond"/> (Unix
/// seconds; point <c>i</c> is the second <c>EndSecond - Length + 1 + i</c>). A point without a figure is NaN: no node
/// reported for that second, no request was answered (rates of errors, latencies), or no batch ran (batch size).
/// </summary>
/// <param name="EndSecond">The last second shown, in Unix seconds.</param>
/// <param name="RequestsPerS">Requests answered per second, over every node.</param>
/// <param name="ErrorRate">The share of those answered with a 5xx.</param>
/// <param name="P50Ms">Median latency in milliseconds.</param>
/// <param name="P99Ms">99th percentile latency in milliseconds.</param>
/// <param name="BatchSize">Requests per backend call, averaged over the calls of that second.</param>
/// <param name="Queued">Requests waiting (in routers and replicas' batch queues), averaged over the second, summed over nodes.</param>
/// <param name="Ongoing">Requests waiting plus running, averaged over the second, summed over nodes.</param>
internal sealed record SeriesView(
    long EndSecond,
    double[] RequestsPerS,
    double[] ErrorRate,
    double[] P50Ms,
    double[] P99Ms,
    double[] BatchSize,
    double[] Queued,
    double[] Ongoing)
{
    /// <summary>How many points each series has.</summary>
    public int Length => RequestsPerS.Length;
}
