namespace Switchyard.Runtime.Diagnostics;

/// <summary>Names of the node's health checks and the tag of those that decide readiness.</summary>
internal static class HealthTags
{
    /// <summary>Checks with this tag must pass for <c>/-/healthz</c> to answer 200.</summary>
    public const string Ready = "ready";

    public const string StartupCheck = "startup";
}
