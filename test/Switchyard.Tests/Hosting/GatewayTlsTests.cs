using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Switchyard.Runtime.Client;
using Switchyard.Runtime.Hosting;

namespace Switchyard.Tests.Hosting;

/// <summary>With a certificate, the gateway speaks TLS (token inside it); clients that trust the certificate get in.</summary>
public sealed class GatewayTlsTests : IAsyncLifetime
{
    private const string Token = "tls-secret";
    private readonly TestCertificate _certificate = new();
    private readonly SwitchyardNodeOptions _options;
    private WebApplication _app = null!;

    public GatewayTlsTests()
    {
        _options = EmbeddedNode.Options("tls", Directory.CreateTempSubdirectory("switchyard-tls-").FullName, o =>
        {
            o.AdminToken = Token;
            o.TlsCertificateFile = _certificate.CertificateFile;
            o.TlsKeyFile = _certificate.KeyFile;
        });
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.AddSwitchyard(_options).AddBackend("upper", (request, _) => ValueTask.FromResult<object?>(request.ReadText().ToUpperInvariant()));
        _app = builder.Build();
        _app.MapSwitchyard();
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_options.StateDirectory, recursive: true);
        _certificate.Dispose();
    }

    [Fact]
    public async Task ConnectAsync_TrustingTheCertificateWithTheToken_Works()
    {
        await using var client = await SwitchyardClient.ConnectAsync(new SwitchyardClientOptions
        {
            GatewayPort = _options.GatewayPort,
            AdminToken = Token,
            TlsCertificateFile = _certificate.CertificateFile,
        });
        await client.CreateBackendAsync("upper", new BackendSpec { Class = "upper" });
        await client.CreateEndpointAsync("shout", "upper");
        Assert.Equal("TLS", await client.GetHandle("shout").CallAsync<string>("tls"));
    }

    [Fact]
    public async Task GatewayPort_SpeaksTlsWithTheNodesCertificate()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _options.GatewayPort);
        byte[]? presented = null;
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
        {
            presented = certificate?.GetRawCertData();
            return true;
        });
        await tls.AuthenticateAsClientAsync("switchyard");
        Assert.Equal(_certificate.RawData, presented);
    }

    [Fact]
    public async Task ConnectAsync_PlainTcp_Refused()
    {
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var client = await SwitchyardClient.ConnectAsync(new SwitchyardClientOptions { GatewayPort = _options.GatewayPort, AdminToken = Token });
            await client.ListBackendsAsync();
        });
    }
}
