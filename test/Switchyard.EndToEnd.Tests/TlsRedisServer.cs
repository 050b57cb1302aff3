using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// A real <c>redis-server</c> that speaks only TLS, with a certificate for 127.0.0.1 issued by a private CA whose
/// certificate is written to <see cref="CaFile"/> (as an operator's own CA would be), and a second, unrelated CA
/// in <see cref="OtherCaFile"/>.
/// </summary>
public sealed class TlsRedisServer : IAsyncLifetime
{
    private readonly TempDirectory _folder = new("switchyard-tls-redis-");
    private Process? _process;

    public int Port { get; } = NodePorts.Free().Http;

    public string CaFile => Path.Combine(_folder.Path, "ca.crt");

    public string OtherCaFile => Path.Combine(_folder.Path, "other-ca.crt");

    public string NewClusterUrl(string? caFile) =>
        $"rediss://127.0.0.1:{Port}/c{Guid.NewGuid():N}{(caFile is null ? "" : $"?ssl_ca_certs={Uri.EscapeDataString(caFile)}")}";

    public async Task InitializeAsync()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = Authority("CN=switchyard-test-redis-ca", caKey);
        using (var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        using (var other = Authority("CN=switchyard-test-other-ca", otherKey))
        {
            await File.WriteAllTextAsync(OtherCaFile, other.ExportCertificatePem());
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var leaf = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), [7, 7, 7, 7]);
        await File.WriteAllTextAsync(CaFile, ca.ExportCertificatePem());
        var certificate = Path.Combine(_folder.Path, "redis.crt");
        var privateKey = Path.Combine(_folder.Path, "redis.key");
        await File.WriteAllTextAsync(certificate, leaf.ExportCertificatePem());
        await File.WriteAllTextAsync(privateKey, key.ExportPkcs8PrivateKeyPem());

        string[] args =
        [
            "--port", "0", "--tls-port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--dir", _folder.Path, "--tls-cert-file", certificate, "--tls-key-file", privateKey, "--tls-auth-clients", "no",
        ];
        var start = new ProcessStartInfo("redis-server", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start (is it installed? .ci/run installs it)");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        await Eventually.ValueAsync(PingAsync, static pong => pong, $"redis-server on TLS port {Port} to answer PING");
    }

    public async Task DisposeAsync()
    {
        if (_process is { } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
        }

        _folder.Dispose();
    }

    private static X509Certificate2 Authority(string name, ECDsa key)
    {
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
            await using var tls = new SslStream(client.GetStream(), false, (_, _, _, _) => true);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1" }, cancellationToken);
            await tls.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
            var buffer = new byte[64];
            var read = await tls.ReadAsync(buffer, cancellationToken);
            return Encoding.ASCII.GetString(buffer, 0, read).Contains("PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or AuthenticationException)
        {
            return false;
        }
    }
}
