using Orleans.Configuration;
using Orleans.Connections.Security;
using Switchyard.Runtime.Cluster;

namespace Switchyard.Runtime.Hosting;

/// <summary>
/// What guards a node's Orleans ports. With a certificate, silo links (mutual TLS) and gateway links (server TLS) are
/// encrypted. With an admin token, every gateway connection (clients) and every silo connection (other nodes) must
/// then pass <see cref="LinkHandshake"/> inside that TLS, so nothing that can change state is reachable without the
/// token. Without either they stay plain (loopback only on a single node), with a deadline for the peer's first bytes.
/// </summary>
internal static class ClusterLinkSecurity
{
    public static void Configure(ISiloBuilder silo, SwitchyardNodeOptions options)
    {
        var tls = options.TlsCertificateFile is { } file ? Tls(file, options) : null;
        var token = SwitchyardNodeOptionsValidator.EffectiveToken(options, out _) is { Length: > 0 } t ? t : null;
        if (tls is null && token is null)
        {
            // Plain links have no handshake, and Orleans waits for a preamble without a deadline: give it one.
            silo.Configure<SiloConnectionOptions>(o =>
            {
                o.ConfigureSiloInboundConnection(builder => LinkGuard.RequireFirstBytes(builder, TimeProvider.System));
                o.ConfigureGatewayInboundConnection(builder => LinkGuard.RequireFirstBytes(builder, TimeProvider.System));
            });
            return;
        }

        silo.Configure<SiloConnectionOptions>(o =>
        {
            // Order matters: TLS is registered first so it wraps the token handshake and everything after it.
            if (tls is { } make)
            {
                o.ConfigureSiloInboundConnection(builder => builder.UseServerTls(make(RemoteCertificateMode.RequireCertificate)));
                o.ConfigureSiloOutboundConnection(builder => builder.UseClientTls(make(RemoteCertificateMode.RequireCertificate)));
                o.ConfigureGatewayInboundConnection(builder => builder.UseServerTls(make(RemoteCertificateMode.NoCertificate)));
            }

            if (token is not null)
            {
                o.ConfigureGatewayInboundConnection(builder => LinkGuard.RequireToken(builder, token, TimeProvider.System));
                o.ConfigureSiloInboundConnection(builder => LinkGuard.RequireToken(builder, token, TimeProvider.System));
                o.ConfigureSiloOutboundConnection(builder => LinkGuard.PresentToken(builder, token, TimeProvider.System));
            }
        });
    }

    private static Func<RemoteCertificateMode, TlsOptions> Tls(string certificateFile, SwitchyardNodeOptions options)
    {
        var certificate = LinkTrust.LoadCertificate(certificateFile, options.TlsKeyFile, needKey: true);
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"--tls-certificate {certificateFile}: holds no private key; give it with --tls-key");
        }

        var trust = new LinkTrust(certificate, LinkTrust.LoadAuthorities(options.TlsCaFile));
        return mode => new TlsOptions
        {
            LocalCertificate = certificate,
            RemoteCertificateMode = mode,
            ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
            RemoteCertificateValidation = (remote, _, _) => trust.Trusts(remote),
        };
    }
}
