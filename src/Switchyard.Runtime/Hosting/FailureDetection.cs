using Orleans.Configuration;

namespace Switchyard.Runtime.Hosting;

/// <summary>
/// How the nodes of a cluster decide that one of them is dead (Orleans membership). Tuned for a killed node to be
/// declared dead in about two seconds, so its replicas are back elsewhere within five; docs/cluster.md has the table
/// of what each setting trades.
/// </summary>
internal static class FailureDetection
{
    public static void Configure(ClusterMembershipOptions o)
    {
        // Each node probes every other one about once a second. A probe waits 0.5-2 s for its answer: Orleans adapts the
        // wait to the answers seen and lengthens it while this node itself is degraded (starved of CPU), but never past
        // MaxProbeTimeout, so a node that hangs (a stalled VM, a long GC) is declared dead within about 6 s, not 12.
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.MaxProbeTimeout = TimeSpan.FromSeconds(2);

        // Two missed probes in a row make a node suspect (the second one indirect, through another node, so a
        // broken link between two nodes alone does not count).
        o.NumMissedProbesLimit = 2;

        // Two nodes must suspect it within a short time: never one peer's word alone (with three nodes, both of the
        // others must agree), and an old suspicion does not add up with a new one.
        o.NumVotesForDeathDeclaration = 2;
        o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(20);

        // How soon a node learns of a change it was not told of by gossip, and how often each one says it is alive.
        o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
    }
}
