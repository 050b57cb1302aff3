using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Switchyard.Runtime.Client;
using Switchyard.Runtime.Hosting;

namespace Switchyard.Tests.Hosting;

/// <summary>With an admin token, the Orleans gateway (real TCP) admits only clients that prove they hold it.</summary>
public sealed class GatewayTokenTests : IAsyncLifetime
{
    private const string Token = "gateway-secret";
    private readonly SwitchyardNodeOptions _options = EmbeddedNode.Options("guarded", Directory.CreateTempSubdirectory("switchyard-gateway-").FullName, o =>
    {
        o.AdminToken = Token;
    });

    private WebApplication _app = null!;

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
    }

    [Fact]
    public async Task ConnectAsync_WithTheToken_CanChangeState()
    {
        await using var client = await SwitchyardClient.ConnectAsync(new SwitchyardClientOptions { GatewayPort = _options.GatewayPort, AdminToken = Token });
        await client.CreateBackendAsync("upper", new BackendSpec { Class = "upper" });
        await client.CreateEndpointAsync("shout", "upper");
        Assert.Equal("HI", await client.GetHandle("shout").CallAsync<string>("hi"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    public async Task ConnectAsync_WithoutTheToken_RefusedAndNothingChanges(string? token)
    {
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var intruder = await SwitchyardClient.ConnectAsync(new SwitchyardClientOptions { GatewayPort = _options.GatewayPort, AdminToken = token });
            await intruder.CreateBackendAsync("intruder", new BackendSpec { Class = "upper" });
        });
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"refusal took {clock.Elapsed}");

        await using var owner = await SwitchyardClient.ConnectAsync(new SwitchyardClientOptions { GatewayPort = _options.GatewayPort, AdminToken = Token });
        Assert.False((await owner.ListBackendsAsync()).ContainsKey("intruder"));
    }
}
