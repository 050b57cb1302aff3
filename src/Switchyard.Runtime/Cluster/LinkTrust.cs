using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Switchyard.Runtime.Cluster;

/// <summary>
/// Which certificates a node's TLS links trust. With a CA file, a peer's certificate must chain to it (names are not
/// checked: nodes dial each other by address). Without one, the peer must present the very certificate this side
/// holds: one certificate shared by every node of the cluster, with no CA to run.
/// </summary>
internal sealed class LinkTrust
{
    private readonly X509Certificate2 _pinned;
    private readonly X509Certificate2Collection? _authorities;

    public LinkTrust(X509Certificate2 pinned, X509Certificate2Collection? authorities)
    {
        _pinned = pinned;
        _authorities = authorities;
    }

    /// <summary>Reads the certificate (PEM with <paramref name="keyFile"/>, a PEM holding both, or PKCS#12).</summary>
    public static X509Certificate2 LoadCertificate(string certificateFile, string? keyFile, bool needKey)
    {
        try
        {
            if (IsPem(certificateFile))
            {
                return keyFile is not null || (needKey && File.ReadAllText(certificateFile).Contains("PRIVATE KEY", StringComparison.Ordinal))
                    ? X509Certificate2.CreateFromPemFile(certificateFile, keyFile)
                    : X509CertificateLoader.LoadCertificateFromFile(certificateFile);
            }

            return X509CertificateLoader.LoadPkcs12FromFile(certificateFile, password: null);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"--tls-certificate {certificateFile}: cannot be read as a certificate{(keyFile is null ? "" : $" with the key in {keyFile}")} ({ex.Message})", ex);
        }
    }

    public static X509Certificate2Collection? LoadAuthorities(string? caFile)
    {
        if (caFile is null)
        {
            return null;
        }

        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(caFile);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"--tls-ca {caFile}: cannot be read as PEM certificates ({ex.Message})", ex);
        }

        return authorities.Count > 0 ? authorities : throw new InvalidOperationException($"--tls-ca {caFile}: holds no certificate");
    }

    public bool Trusts(X509Certificate2? remote)
    {
        if (remote is null)
        {
            return false;
        }

        if (_authorities is null)
        {
            return remote.RawDataMemory.Span.SequenceEqual(_pinned.RawDataMemory.Span);
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(remote);
    }

    private static bool IsPem(string file)
    {
        Span<byte> start = stackalloc byte[11];
        using var stream = File.OpenRead(file);
        var read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        return start[..read].SequenceEqual("-----BEGIN "u8);
    }
}
