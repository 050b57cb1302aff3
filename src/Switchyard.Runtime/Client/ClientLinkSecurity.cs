using Orleans.Configuration;
using Orleans.Connections.Security;
using Switchyard.Runtime.Cluster;

namespace Switchyard.Runtime.Client;

/// <summary>What a client process does on its gateway connections: TLS when the node uses it, then prove it holds the admin token.</summary>
internal static class ClientLinkSecurity
{
    public static void Configure(IClientBuilder client, SwitchyardClientOptions options)
    {
        if (options.TlsCertificateFile is not null || options.TlsCaFile is not null)
        {
            var authorities = LinkTrust.LoadAuthorities(options.TlsCaFile);
            var pinned = options.TlsCertificateFile is { } file ? LinkTrust.LoadCertificate(file, keyFile: null, needKey: false) : null;
            var trust = new LinkTrust(pinned!, authorities);
            client.UseTls(tls =>
            {
                tls.ClientCertificateMode = RemoteCertificateMode.NoCertificate;
                tls.RemoteCertificateValidation = (remote, _, _) => trust.Trusts(remote);
            });
        }

        if (string.IsNullOrEmpty(options.AdminToken))
        {
            return;
        }

        var token = options.AdminToken;
        client.Configure<ClientConnectionOptions>(o => o.ConfigureConnection(builder => LinkGuard.PresentToken(builder, token, TimeProvider.System)));
    }
}
