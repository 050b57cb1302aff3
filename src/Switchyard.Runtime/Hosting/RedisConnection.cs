using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using StackExchange.Redis;
using Switchyard.Runtime.Cluster;

namespace Switchyard.Runtime.Hosting;

/// <summary>How a node connects to its cluster's Redis: credentials and TLS (with its trusted CAs) from the URL.</summary>
internal static class RedisConnection
{
    public static ConfigurationOptions Options(ClusterTarget cluster)
    {
        var options = new ConfigurationOptions
        {
            User = cluster.User,
            Password = cluster.Password,
            Ssl = cluster.UseTls,
            SslHost = cluster.UseTls ? cluster.Host : null,
        };
        options.EndPoints.Add(IPAddress.TryParse(cluster.Host, out var address) ? new IPEndPoint(address, cluster.Port) : new DnsEndPoint(cluster.Host, cluster.Port));
        if (cluster.CaFile is { } caFile)
        {
            var authorities = LoadAuthorities(caFile);
            options.CertificateValidation += (_, certificate, _, errors) => Trusted(authorities, certificate, errors);
        }

        return options;
    }

    /// <summary>The PEM certificates of <c>ssl_ca_certs</c>; a file that is missing, unreadable or empty is refused naming it.</summary>
    public static X509Certificate2Collection LoadAuthorities(string caFile)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(caFile);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"--cluster {ClusterTarget.CaParameter}={caFile}: cannot be read as PEM certificates ({ex.Message})", ex);
        }

        return authorities.Count > 0 ? authorities : throw new InvalidOperationException($"--cluster {ClusterTarget.CaParameter}={caFile}: holds no certificate");
    }

    /// <summary>
    /// Redis's certificate: its name must match the URL's host, and its chain end in one of
    /// <paramref name="authorities"/> (or in the system's roots, which needs no help here).
    /// </summary>
    internal static bool Trusted(X509Certificate2Collection authorities, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            return false; // no certificate, or one for another name
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
