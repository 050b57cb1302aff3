using Orleans.Configuration;
using Switchyard.Runtime.Cluster;

namespace Switchyard.Runtime.Hosting;

/// <summary>
/// What guards a node's Orleans ports. With an admin token, every gateway connection (clients) and every silo
/// connection (other nodes) must first pass <see cref="LinkHandshake"/>, so nothing that can change state is reachable
/// without the token; without one they stay open as before (loopback only on a single node).
/// </summary>
internal static class ClusterLinkSecurity
{
    public static void Configure(ISiloBuilder silo, SwitchyardNodeOptions options)
    {
        if (string.IsNullOrEmpty(options.AdminToken))
        {
            return;
        }

        var token = options.AdminToken;
        silo.Configure<SiloConnectionOptions>(o =>
        {
            o.ConfigureGatewayInboundConnection(builder => LinkGuard.RequireToken(builder, token, TimeProvider.System));
            o.ConfigureSiloInboundConnection(builder => LinkGuard.RequireToken(builder, token, TimeProvider.System));
            o.ConfigureSiloOutboundConnection(builder => LinkGuard.PresentToken(builder, token, TimeProvider.System));
        });
    }
}
