namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// Tests that measure time and memory (the hostile-input suite, the slow senders, the autoscaling and rollout bounds)
/// run alone: on a 2-core machine a node of another test class would skew their bounds, and their 300 sockets would
/// skew the other's.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredCollection
{
    public const string Name = "Measured";
}
