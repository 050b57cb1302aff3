using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchyard.Runtime.Cluster;
using Switchyard.Runtime.Hosting;

namespace Switchyard.Tests.Cluster;

public sealed class ClusterTargetTests
{
    [Fact]
    public void TryParse_PasswordAndUser_ReadAndNeverPrinted()
    {
        Assert.True(ClusterTarget.TryParse("redis://ops:s%40cret@10.0.0.5:6380/prod", out var target, out _));
        Assert.Equal(("10.0.0.5", 6380, "ops", "s@cret", false, "prod"), (target.Host, target.Port, target.User, target.Password, target.UseTls, target.ClusterId));
        Assert.Equal("redis://ops:***@10.0.0.5:6380/prod", target.Redacted);
        Assert.DoesNotContain("cret", target.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_PasswordOnly_NoUser()
    {
        Assert.True(ClusterTarget.TryParse("redis://:pw@localhost", out var target, out _));
        Assert.Null(target.User);
        Assert.Equal("pw", target.Password);
        Assert.True(target.IsLoopback);
    }

    [Fact]
    public void TryParse_Rediss_UsesTls()
    {
        Assert.True(ClusterTarget.TryParse("rediss://:pw@redis.internal:6379", out var target, out _));
        var options = RedisConnection.Options(target);
        Assert.True(options.Ssl);
        Assert.Equal("redis.internal", options.SslHost);
        Assert.Equal("pw", options.Password);
    }

    [Fact]
    public void TryParse_RedissWithCaFile_KeptAndShownInTheRedactedUrl()
    {
        Assert.True(ClusterTarget.TryParse("rediss://:pw@redis.internal:6380/prod?ssl_ca_certs=%2Fetc%2Fredis%2Fca.pem", out var target, out _));

        Assert.Equal("/etc/redis/ca.pem", target.CaFile);
        Assert.Equal("rediss://:***@redis.internal:6380/prod?ssl_ca_certs=/etc/redis/ca.pem", target.Redacted);
    }

    [Theory]
    [InlineData("redis://host?ssl_ca_certs=/ca.pem", "ssl_ca_certs is for Redis over TLS; use rediss://")]
    [InlineData("rediss://host?ssl_ca_cert=/ca.pem", "'ssl_ca_cert' is not a known parameter (known: ssl_ca_certs)")]
    [InlineData("rediss://host?ssl_ca_certs=/a.pem&ssl_ca_certs=/b.pem", "give ssl_ca_certs once")]
    [InlineData("rediss://host?ssl_ca_certs=", "give ssl_ca_certs once, with the path of a PEM file")]
    public void TryParse_BadQuery_ErrorNamingIt(string url, string expected)
    {
        Assert.False(ClusterTarget.TryParse(url, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CaFileMissing_OneProblemNamingIt()
    {
        var problems = SwitchyardNodeOptionsValidator.Problems(new SwitchyardNodeOptions { ClusterUrl = "rediss://host?ssl_ca_certs=/no/such/ca.pem" });

        Assert.Contains(problems, p => p.Contains("ssl_ca_certs=/no/such/ca.pem: cannot be read as PEM certificates", StringComparison.Ordinal));
    }

    [Fact]
    public void Trusted_ChainToTheGivenCa_OnlyThatCaAndOnlyForItsName()
    {
        using var ca = Authority("CN=redis-ca");
        using var other = Authority("CN=other-ca");
        using var leaf = Leaf(ca, "CN=127.0.0.1");
        var chainErrors = System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors;

        Assert.True(RedisConnection.Trusted([ca], leaf, chainErrors));
        Assert.False(RedisConnection.Trusted([other], leaf, chainErrors));
        Assert.False(RedisConnection.Trusted([ca], leaf, chainErrors | System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.False(RedisConnection.Trusted([ca], null, System.Net.Security.SslPolicyErrors.RemoteCertificateNotAvailable));
    }

    private static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 Leaf(X509Certificate2 ca, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        return request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), [1, 2, 3, 4]);
    }

    [Fact]
    public void TryParse_BadUrlWithPassword_ErrorMasksIt()
    {
        Assert.False(ClusterTarget.TryParse("http://u:hunter2@host", out _, out var error));
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
        Assert.Contains("u:***@host", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadClusterName_ErrorMasksThePassword()
    {
        var problems = SwitchyardNodeOptionsValidator.Problems(new SwitchyardNodeOptions { ClusterUrl = "redis://:hunter2@host/bad name!" });
        Assert.DoesNotContain(problems, p => p.Contains("hunter2", StringComparison.Ordinal));
    }
}
