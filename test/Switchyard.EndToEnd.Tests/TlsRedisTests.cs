namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// A cluster store reached over TLS (<c>rediss://</c>) whose certificate comes from the operator's own CA: trusted
/// with <c>?ssl_ca_certs=FILE</c>, refused without it or with another CA, and a CA file that cannot be read is a
/// one-line start error.
/// </summary>
public sealed class TlsRedisTests(TlsRedisServer redis) : IClassFixture<TlsRedisServer>
{
    [Fact]
    public async Task Start_RedissWithTheServersCa_ServesAndStoresOverTls()
    {
        await using var node = await NodeProcess.StartAsync(extraArgs: ["--cluster", redis.NewClusterUrl(redis.CaFile), "--node-id", "tls1"]);
        await node.DeployAsync("over_tls", "Echo", methods: """["POST"]""");

        using var served = await node.Http.PostAsync("over_tls", new StringContent("sealed"));
        Assert.Equal("sealed", await served.Content.ReadAsStringAsync());
        var store = (await node.Admin.GetJsonAsync("api/status"))["store"]!;
        Assert.True(store["reachable"]!.GetValue<bool>(), store.ToJsonString());
        Assert.Contains($"rediss://127.0.0.1:{redis.Port}/", node.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Start_RedisCertificateNotTrusted_ExitsWithOneLineNamingTheStore(bool otherCa)
    {
        var ports = NodePorts.Free();
        var url = redis.NewClusterUrl(otherCa ? redis.OtherCaFile : null);

        var (code, _, stderr) = await NodeProcess.RunCliAsync(
            "start", "--cluster", url, "--node-id", "untrusting", "--http-port", ports.Http.ToString(), "--admin-port", ports.Admin.ToString(),
            "--silo-port", ports.Silo.ToString(), "--gateway-port", ports.Gateway.ToString());

        Assert.NotEqual(0, code);
        Assert.Contains($"switchyard: cannot reach the cluster store: Redis at 127.0.0.1:{redis.Port} did not answer", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_CaFileUnreadable_ExitsWithOneLineNamingIt()
    {
        var (code, _, stderr) = await NodeProcess.RunCliAsync("start", "--cluster", redis.NewClusterUrl("/no/such/ca.pem"));

        Assert.Equal(2, code);
        Assert.Contains("ssl_ca_certs=/no/such/ca.pem: cannot be read as PEM certificates", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }
}
