using Orleans.Configuration;
using Switchyard.Runtime.Cluster;

namespace Switchyard.Runtime.Hosting;

/// <summary>
/// Bounds the connections the node's silo and gateway ports hold at once, from the open-file limit
/// (<see cref="ConnectionBudget.PerClusterPort"/>). Configured before <see cref="ClusterLinkSecurity"/>, so the bound is
/// the outermost middleware and counts connections before TLS or the token's handshake.
/// </summary>
internal static class ClusterLinkLimits
{
    public static void Configure(ISiloBuilder silo)
    {
        if (ConnectionBudget.OpenFileLimit() is not { } files)
        {
            return; // not Linux: Orleans' default, no limit
        }

        var limit = ConnectionBudget.PerClusterPort(files);
        silo.Configure<SiloConnectionOptions>(o =>
        {
            o.ConfigureSiloInboundConnection(builder => LinkLimit.Use(builder, limit));
            o.ConfigureGatewayInboundConnection(builder => LinkLimit.Use(builder, limit));
        });
    }
}
