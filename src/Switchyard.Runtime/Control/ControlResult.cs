using Switchyard.Runtime.Specs;

namespace Switchyard.Runtime.Control;

/// <summary>The outcome of a control call as a value: an HTTP-like status and every problem found.</summary>
[GenerateSerializer, Immutable, Alias("switchyard.ControlResult")]
internal sealed record ControlResult(
    [property: Id(0)] int Status,
    [property: Id(1)] string[] Errors,
    [property: Id(2)] DeployResult? Deploy = null,
    [property: Id(3)] long RoutingVersion = 0)
{
    public static readonly ControlResult Ok = new(200, []);
    public static readonly ControlResult Created = new(201, []);
    public static readonly ControlResult NoContent = new(204, []);

    public bool Succeeded => Status < 400;

    public static ControlResult Invalid(Problems problems) => new(400, [.. problems.Items]);

    public static ControlResult NotFound(string message) => new(404, [message]);

    public static ControlResult Conflict(string message) => new(409, [message]);

    public string Message => string.Join("; ", Errors);
}
