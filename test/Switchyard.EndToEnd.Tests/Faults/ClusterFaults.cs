namespace Switchyard.EndToEnd.Tests.Faults;

/// <summary>
/// The heavy cluster fault tests (three or more real nodes under load each): they run one at a time and never beside
/// other tests of this project, so their timings mean something on a 2-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterFaults : ICollectionFixture<RedisServer>
{
    public const string Name = "cluster faults";
}
