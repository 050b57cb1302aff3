using Orleans.Configuration;
using Switchyard.Runtime.Cluster;

namespace Switchyard.Runtime.Client;

/// <summary>What a client process does on its gateway connections: prove it holds the admin token.</summary>
internal static class ClientLinkSecurity
{
    public static void Configure(IClientBuilder client, SwitchyardClientOptions options)
    {
        if (string.IsNullOrEmpty(options.AdminToken))
        {
            return;
        }

        var token = options.AdminToken;
        client.Configure<ClientConnectionOptions>(o => o.ConfigureConnection(builder => LinkGuard.PresentToken(builder, token, TimeProvider.System)));
    }
}
