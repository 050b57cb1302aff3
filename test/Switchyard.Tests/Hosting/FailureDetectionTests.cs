using Orleans.Configuration;
using Switchyard.Runtime.Control.Loops;
using Switchyard.Runtime.Hosting;

namespace Switchyard.Tests.Hosting;

public sealed class FailureDetectionTests
{
    private static ClusterMembershipOptions Configured()
    {
        var options = new ClusterMembershipOptions();
        FailureDetection.Configure(options);
        return options;
    }

    [Fact]
    public void Configure_Votes_NeverOnePeersWordAlone()
    {
        var options = Configured();
        Assert.True(options.NumVotesForDeathDeclaration >= 2);
        Assert.True(options.EnableIndirectProbes);
        Assert.True(options.DeathVoteExpirationTimeout <= TimeSpan.FromSeconds(30), "old suspicions must not add up with new ones");
    }

    [Fact]
    public void Configure_KilledNode_DeclaredDeadWellWithinFiveSeconds()
    {
        // A killed node refuses connections, so each probe fails at once: about one probe period per missed probe.
        var options = Configured();
        Assert.True(options.ProbeTimeout * options.NumMissedProbesLimit <= TimeSpan.FromSeconds(2.5));
    }

    [Fact]
    public void Configure_EarliestDeathDeclaration_LaterThanTheControllersFenceGap()
    {
        // A node is declared dead no sooner than one probe period plus its missed probes, each at least MinProbeTimeout:
        // a controller paused that long sees a gap above ActingFence.MaxGap and reads membership before acting again.
        var options = Configured();
        Assert.True(options.MinProbeTimeout * (options.NumMissedProbesLimit + 1) > ActingFence.MaxGap);
    }
}
