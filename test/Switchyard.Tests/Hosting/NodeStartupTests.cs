using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Runtime.Hosting;

namespace Switchyard.Tests.Hosting;

/// <summary>Readiness of an embedded node started with a deployment file whose replicas are held back.</summary>
public sealed class NodeStartupTests
{
    [Fact]
    public async Task Healthz_ConfigStillApplying_503SayingSoLivezOkThenReadyWithRoutes()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "deployment.yaml");
        await File.WriteAllTextAsync(file, """
            backends:
              gated: { class: gated }
            endpoints:
              gated: { route: /gated, methods: [POST], traffic: { gated: 1.0 } }
            """);
        var options = EmbeddedNode.Options("gated", Path.Combine(temp.Path, "state"), o =>
        {
            o.ConfigFile = file;
        });
        using var gate = new StartGate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(gate);
        builder.AddSwitchyard(options).AddBackend<GatedBackend>("gated");
        await using var app = builder.Build();
        app.MapSwitchyard();
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{options.HttpPort}/") };
            var body = await WaitForAsync(http, "-/healthz", r => r.StatusCode == HttpStatusCode.ServiceUnavailable && r.Body.Contains("startup: applying", StringComparison.Ordinal));
            // Other checks (routing, membership) may also still be failing at this moment; each is named, in any order.
            Assert.StartsWith("not ready: ", body, StringComparison.Ordinal);
            Assert.Contains("startup: applying " + file, body, StringComparison.Ordinal);
            using (var live = await http.GetAsync("-/livez"))
            {
                Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            }

            using (var inferenceReady = await http.GetAsync("v2/health/ready"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, inferenceReady.StatusCode);
                Assert.Contains("startup: applying", await inferenceReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            var startup = app.Services.GetRequiredService<NodeStartup>();
            Assert.False(startup.Completion.IsCompleted);

            gate.Open();
            await startup.Completion.WaitAsync(TimeSpan.FromSeconds(60));
            using (var ready = await http.GetAsync("-/healthz"))
            {
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
                Assert.Equal("ok", await ready.Content.ReadAsStringAsync());
            }

            Assert.Contains("\"/gated\"", await http.GetStringAsync("-/routes"), StringComparison.Ordinal);
            using (var inferenceReady = await http.GetAsync("v2/health/ready"))
            {
                Assert.Equal(HttpStatusCode.OK, inferenceReady.StatusCode);
            }

            using var served = await http.PostAsync("gated", new StringContent("x"));
            Assert.Equal("open", await served.Content.ReadAsStringAsync());
        }
        finally
        {
            gate.Open();
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Completion_InvalidConfig_FailsNamingTheProblemAndStopsTheHost()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "deployment.yaml");
        await File.WriteAllTextAsync(file, "backends:\n  b: { class: NoSuchClass }\n");
        var options = EmbeddedNode.Options("invalid", Path.Combine(temp.Path, "state"), o =>
        {
            o.ConfigFile = file;
        });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddSwitchyard(options);
        await using var app = builder.Build();
        app.MapSwitchyard();
        await app.StartAsync();
        var failure = await Assert.ThrowsAsync<NodeStartupException>(() => app.Services.GetRequiredService<NodeStartup>().Completion.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.StartsWith($"ConfigFile {file}: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'NoSuchClass' is not a registered backend type", failure.Message, StringComparison.Ordinal);
        await app.WaitForShutdownAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static async Task<string> WaitForAsync(HttpClient http, string path, Func<(HttpStatusCode StatusCode, string Body), bool> condition)
    {
        var answer = await Eventually.ValueAsync(
            async ct =>
            {
                try
                {
                    using var response = await http.GetAsync(path, ct);
                    return ((HttpStatusCode?)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
                }
                catch (HttpRequestException)
                {
                    return ((HttpStatusCode?)null, "(no answer)");
                }
            },
            a => a.Item1 is { } status && condition((status, a.Item2)),
            $"{path} to match",
            seconds: 60,
            describe: a => $"{(int?)a.Item1} {a.Item2}",
            every: TimeSpan.FromMilliseconds(20));
        return answer.Item2;
    }
}
