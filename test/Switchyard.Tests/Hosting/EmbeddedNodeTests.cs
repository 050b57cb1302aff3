using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Runtime.Client;
using Switchyard.TestBackends;

namespace Switchyard.Tests.Hosting;

/// <summary>A host application embedding a node (real Kestrel, real silo), and a client in "another process" through the gateway.</summary>
public sealed class EmbeddedNodeTests
{
    [Fact]
    public async Task AddSwitchyard_FunctionAndTypeRegisteredInCode_ServedOverHttpAndFromAnExternalClient()
    {
        var options = EmbeddedNode.Options("embedded", Directory.CreateTempSubdirectory("switchyard-embedded-").FullName);
        await using var app = await EmbeddedNode.StartAsync(options, node => node
            .AddBackend("upper", (request, _) => ValueTask.FromResult<object?>(request.ReadText().ToUpperInvariant()))
            .AddBackend<Echo>("echo"));
        try
        {
            await using var client = await SwitchyardClient.ConnectAsync(new SwitchyardClientOptions { GatewayPort = options.GatewayPort });
            await client.CreateBackendAsync("upper", new BackendSpec { Class = "upper", Config = new BackendConfig { NumReplicas = 2 } });
            await client.CreateEndpointAsync("shout", "upper", "/shout", ["POST"]);
            Assert.Equal("HELLO", await client.GetHandle("shout").CallAsync<string>("hello"));

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{options.HttpPort}/") };
            await EmbeddedNode.WaitForRouteAsync(http, "shout");
            using var response = await http.PostAsync("shout", new StringContent("over http"));
            Assert.Equal("OVER HTTP", await response.Content.ReadAsStringAsync());

            var backends = await client.ListBackendsAsync();
            Assert.Equal(2, backends["upper"].Replicas.Count(r => r.State == "running"));
            await client.SetBackendConfigAsync("upper", new BackendConfigUpdate { NumReplicas = 1 });
            Assert.Equal(1, (await client.ListBackendsAsync())["upper"].Config.NumReplicas);

            var conflict = await Assert.ThrowsAsync<ServeException>(() => client.DeleteBackendAsync("upper"));
            Assert.Equal(409, conflict.StatusCode);
            await client.DeleteEndpointAsync("shout");
            await client.DeleteBackendAsync("upper");
            Assert.False((await client.ListBackendsAsync()).ContainsKey("upper"));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task TextAnswer_NonAsciiAndEmpty_SameBytesOverHttpAndThroughHandles()
    {
        var options = EmbeddedNode.Options("text", Directory.CreateTempSubdirectory("switchyard-embedded-").FullName);
        await using var app = await EmbeddedNode.StartAsync(options, node => node
            .AddBackend("greet", (request, _) => ValueTask.FromResult<object?>(request.Body.IsEmpty ? "" : "héllo ✓ " + request.ReadText())));
        try
        {
            var client = app.Services.GetRequiredService<IServeClient>();
            await client.CreateBackendAsync("greet", new BackendSpec { Class = "greet" });
            await client.CreateEndpointAsync("greet", "greet", "/greet", ["POST"]);
            var handle = client.GetHandle("greet");
            var expected = "héllo ✓ 42";

            Assert.Equal(expected, await handle.CallAsync<string>("42"));
            Assert.Equal(Encoding.UTF8.GetBytes(expected), await handle.CallAsync<byte[]>("42"));
            Assert.Equal(Encoding.UTF8.GetBytes(expected), (await handle.CallAsync<ReadOnlyMemory<byte>>("42")).ToArray());
            Assert.Equal("", await handle.CallAsync<string>(null));

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{options.HttpPort}/") };
            await EmbeddedNode.WaitForRouteAsync(http, "greet");
            using var response = await http.PostAsync("greet", new StringContent("42"));
            Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            Assert.Equal(Encoding.UTF8.GetByteCount(expected), response.Content.Headers.ContentLength);
            Assert.Equal(Encoding.UTF8.GetBytes(expected), await response.Content.ReadAsByteArrayAsync());
            using var empty = await http.PostAsync("greet", new ByteArrayContent([]));
            Assert.Equal(0, empty.Content.Headers.ContentLength);
            Assert.Empty(await empty.Content.ReadAsByteArrayAsync());
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task TextBody_ThroughAHandle_BackendReadsItsUtf8BytesItsTextAndItsContentType()
    {
        var options = EmbeddedNode.Options("textbody", Directory.CreateTempSubdirectory("switchyard-embedded-").FullName);
        await using var app = await EmbeddedNode.StartAsync(options, node => node
            .AddBackend("bytes", (request, _) => ValueTask.FromResult<object?>(request.Body.ToArray()))
            .AddBackend("describe", (request, _) => ValueTask.FromResult<object?>($"{request.Headers["Content-Type"]}|{request.ReadText()}|{request.Body.Length}")));
        try
        {
            var client = app.Services.GetRequiredService<IServeClient>();
            await client.CreateBackendAsync("bytes", new BackendSpec { Class = "bytes" });
            await client.CreateBackendAsync("describe", new BackendSpec { Class = "describe" });
            await client.CreateEndpointAsync("bytes", "bytes", null, ["POST"]);
            await client.CreateEndpointAsync("describe", "describe", null, ["POST"]);
            var text = "héllo ✓ \u0000 𝄞";

            Assert.Equal(Encoding.UTF8.GetBytes(text), await client.GetHandle("bytes").CallAsync<byte[]>(text));
            Assert.Empty((await client.GetHandle("bytes").CallAsync<byte[]>(""))!);
            Assert.Equal($"text/plain; charset=utf-8|{text}|{Encoding.UTF8.GetByteCount(text)}", await client.GetHandle("describe").CallAsync<string>(text));
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
