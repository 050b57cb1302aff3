using System.Net;

namespace Switchyard.EndToEnd.Tests;

/// <summary><c>/-/healthz</c> (ready) and <c>/-/livez</c> (live): ready means the node can serve what it was started with.</summary>
public sealed class HealthTests
{
    private const string Deployment = """
        backends:
          greet_v1: { class: Greeter, init_args: { greeting: hello }, config: { num_replicas: 2 } }
          echo_v1: { class: Echo }
        endpoints:
          greet: { route: /greet, methods: [POST], traffic: { greet_v1: 1.0 } }
          echo: { route: /echo/deep, methods: [POST], traffic: { echo_v1: 1.0 } }
          inner: { traffic: { echo_v1: 1.0 } }
        """;

    [Fact]
    public async Task Healthz_PolledFromProcessStartWithConfig_FirstReadyHasTheFileRoutes()
    {
        using var temp = new TempDirectory("switchyard-e2e-ready-");
        var file = Path.Combine(temp.Path, "deployment.yaml");
        await File.WriteAllTextAsync(file, Deployment);
        await using var node = NodeProcess.Launch(extraArgs: ["--config", file]);

        var notReady = await PollUntilReadyAsync(node);

        // The moment it says ready, everything the file declares is routed here.
        var routes = await node.Http.GetJsonAsync("-/routes");
        Assert.Equal("greet", routes["/greet"]![0]!.GetValue<string>());
        Assert.Equal("echo", routes["/echo/deep"]![0]!.GetValue<string>());
        using (var greet = await node.Http.PostAsync("greet", new StringContent("you")))
        {
            Assert.NotEqual(HttpStatusCode.NotFound, greet.StatusCode);
        }

        using (var echo = await node.Http.PostAsync("echo/deep", new StringContent("x")))
        {
            Assert.NotEqual(HttpStatusCode.NotFound, echo.StatusCode);
        }

        using (var live = await node.Http.GetAsync("-/livez"))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        // The node announces itself once ready (the log, written by another thread, may interleave either way).
        await Eventually.TrueAsync(
            () => Task.FromResult(node.Output.Contains("switchyard node 'e2e' ready: ingress", StringComparison.Ordinal) && node.Output.Contains("Applied " + file, StringComparison.Ordinal)),
            $"the 'ready' and 'Applied' lines (after {notReady} not-ready answers)");
    }

    [Fact]
    public async Task Healthz_RestartWithPersistedState_ReadyOnlyWithThoseRoutes()
    {
        using var temp = new TempDirectory("switchyard-e2e-ready-state-");
        var state = Path.Combine(temp.Path, "state");
        await using (var first = await NodeProcess.StartAsync(state))
        {
            await first.DeployAsync("kept", "Echo", methods: """["POST"]""");
            Assert.Equal(0, await first.TerminateAsync());
        }

        await using var restarted = NodeProcess.Launch(state);
        await PollUntilReadyAsync(restarted);
        var routes = await restarted.Http.GetJsonAsync("-/routes");
        Assert.Equal("kept", routes["/kept"]![0]!.GetValue<string>());
        using var response = await restarted.Http.PostAsync("kept", new StringContent("x"));
        Assert.NotEqual(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>Polls <c>/-/healthz</c> until 200; returns how many not-ready answers came first.</summary>
    private static async Task<int> PollUntilReadyAsync(NodeProcess node)
    {
        var notReady = 0;
        await Eventually.ValueAsync(
            async ct =>
            {
                Assert.False(node.HasExited, $"the node exited before it was ready:\n{node.Output}");
                try
                {
                    using var response = await node.Http.GetAsync("-/healthz", ct);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return true;
                    }

                    Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                    notReady++;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                return false;
            },
            static ready => ready,
            "/-/healthz to answer 200",
            seconds: 90,
            describe: _ => $"{notReady} not-ready answers; the node's output:\n{node.Output}",
            every: TimeSpan.FromMilliseconds(10));
        return notReady;
    }
}
