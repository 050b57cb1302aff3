using Switchyard.Runtime.Specs;

namespace Switchyard.Runtime.Control.Model;

/// <summary>How a call ended, as a value: an HTTP-like status and every problem found (the wire shape is <c>ControlResult</c>).</summary>
internal sealed record Outcome(int Status, IReadOnlyList<string> Errors, DeployResult? Deploy = null)
{
    public static Outcome Ok { get; } = new(200, []);

    public static Outcome Created { get; } = new(201, []);

    public static Outcome NoContent { get; } = new(204, []);

    public bool Succeeded => Status < 400;

    public static Outcome Invalid(Problems problems) => new(400, [.. problems.Items]);

    public static Outcome NotFound(IEnumerable<string> messages) => new(404, [.. messages]);

    public static Outcome NotFound(string message) => new(404, [message]);

    public static Outcome Conflict(IEnumerable<string> messages) => new(409, [.. messages]);

    public static Outcome Conflict(string message) => new(409, [message]);

    /// <summary>The store did not acknowledge the change, so nothing changed.</summary>
    public static Outcome StoreUnavailable(string detail) =>
        new(503, [$"the controller's store is unreachable, so nothing was changed: {detail}"]);

    /// <summary>The store did not answer a write in time and could not be read back: the change may have been stored.</summary>
    public static Outcome StoreOutcomeUnknown(string detail) =>
        new(503, [$"the controller's store did not confirm the change in time and could not be read back, so it may have been made: {detail}; read the state back (GET) once the store answers to learn whether it was"]);
}
