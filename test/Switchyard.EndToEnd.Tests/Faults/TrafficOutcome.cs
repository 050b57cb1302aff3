namespace Switchyard.EndToEnd.Tests.Faults;

/// <summary>One request a client sent: when it started and ended (on the load's clock), through which node, and what came back.</summary>
/// <param name="Started">When it was sent, since the load began.</param>
/// <param name="Ended">When its answer (or failure) came, since the load began.</param>
/// <param name="Through">The node it was sent to.</param>
/// <param name="Status">The HTTP status, or 0 when no answer came (connection refused, reset, client timeout).</param>
/// <param name="Detail">The body, or the client's error when no answer came.</param>
public sealed record TrafficOutcome(TimeSpan Started, TimeSpan Ended, string Through, int Status, string Detail)
{
    public bool Succeeded => Status == 200;

    public override string ToString() =>
        $"{Status} via {Through} at {Started.TotalSeconds:0.000}-{Ended.TotalSeconds:0.000}s: {Detail}";
}
