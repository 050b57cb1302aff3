using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// A cluster locked down end to end: Redis with a password, silo and gateway links over TLS with the admin token
/// inside; the nodes still form one cluster, and the password appears nowhere in what they print.
/// </summary>
public sealed class ClusterSecurityTests(PasswordRedisServer redis) : IClassFixture<PasswordRedisServer>
{
    private const string Token = "cluster-admin-token";

    [Fact]
    public async Task TlsTokenAndRedisPassword_NodesFormOneClusterAndNeverPrintThePassword()
    {
        using var certificate = new TestCertificate();
        var cluster = redis.NewClusterUrl();
        string[] Args(string id) =>
        [
            "--cluster", cluster, "--node-id", id, "--admin-token", Token,
            "--tls-certificate", certificate.CertificateFile, "--tls-key", certificate.KeyFile,
        ];

        await using var n1 = await NodeProcess.StartAsync(extraArgs: Args("n1"));
        await using var n2 = await NodeProcess.StartAsync(extraArgs: Args("n2"));
        foreach (var node in new[] { n1, n2 })
        {
            node.Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }

        await Eventually.TrueAsync(async () =>
        {
            var nodes = (await n1.Admin.GetJsonAsync("api/status"))["nodes"]!.AsArray();
            return nodes.Count(n => n!["status"]!.GetValue<string>() == "alive") == 2;
        }, "n1 and n2 alive in one cluster over TLS links", seconds: 60);

        await n1.DeployAsync("where", "WhereAmI", config: """{"num_replicas":2}""");
        var seen = new HashSet<string>();
        await Eventually.TrueAsync(async () =>
        {
            using var response = await n2.Http.GetAsync("where");
            if (response.IsSuccessStatusCode)
            {
                seen.Add((await response.JsonAsync())["node"]!.GetValue<string>());
            }

            return seen.Count == 2;
        }, "requests through n2 answered by replicas on both nodes (silo to silo over TLS)");

        Assert.Equal(certificate.RawData, await PresentedCertificateAsync(n1.Ports.Silo));
        Assert.Equal(certificate.RawData, await PresentedCertificateAsync(n1.Ports.Gateway));
        Assert.Contains("redis://:***@", n1.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(PasswordRedisServer.Secret, n1.Output + n2.Output, StringComparison.Ordinal);

        using var anonymous = new HttpClient { BaseAddress = n1.Admin.BaseAddress };
        using var refused = await anonymous.PostAsync("api/deploy", new StringContent("backends: {}"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static async Task<byte[]?> PresentedCertificateAsync(int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        byte[]? presented = null;
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
        {
            presented = certificate?.GetRawCertData();
            return true;
        });
        try
        {
            await tls.AuthenticateAsClientAsync("switchyard");
        }
        catch (System.Security.Authentication.AuthenticationException)
        {
            // The silo port asks for a client certificate we do not have; what it presented is what matters here.
        }

        return presented;
    }
}
