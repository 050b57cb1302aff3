using Switchyard.Runtime.Control.Model;

namespace Switchyard.Runtime.Control;

/// <summary>The outcome of a control call on the wire: an HTTP-like status, every problem found, and the routing version holding the change.</summary>
[GenerateSerializer, Immutable, Alias("switchyard.ControlResult")]
internal sealed record ControlResult(
    [property: Id(0)] int Status,
    [property: Id(1)] string[] Errors,
    [property: Id(2)] DeployResult? Deploy = null,
    [property: Id(3)] long RoutingVersion = 0,
    [property: Id(4)] RolloutInfo? Rollout = null)
{
    public bool Succeeded => Status < 400;

    public string Message => string.Join("; ", Errors);

    public static ControlResult From(Outcome outcome, long routingVersion = 0) =>
        new(outcome.Status, [.. outcome.Errors], outcome.Deploy, routingVersion);
}
