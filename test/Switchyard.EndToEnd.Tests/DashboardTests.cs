using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// The dashboard on a real node with an admin token: the page and its assets, the figures route behind the admin
/// plane's guard, the status's live figures, and the page itself driven in headless Chromium (Debian's, through
/// Playwright's driver shipped in its package; no browser is downloaded).
/// </summary>
public sealed class DashboardTests(DashboardTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<DashboardTests.Fixture>
{
    private const string Token = "dash-token";
    private const string Chromium = "/usr/bin/chromium";

    private NodeProcess Node => fixture.Node;

    private string Origin => $"http://127.0.0.1:{Node.Ports.Admin}";

    [Fact]
    public async Task FiguresRoute_AfterTraffic_FiveMinutesOfPointsPerBackend()
    {
        using var traffic = Traffic.Start(Node, "dash");
        JsonNode figures = null!;
        await Eventually.TrueAsync(async () =>
        {
            figures = await Node.Admin.GetJsonAsync("api/figures");
            return figures["backends"]?["dash_v1"]?["requests_per_s"]?.AsArray().Any(v => v?.GetValue<double>() > 0) == true;
        }, "a second with requests in dash_v1's series");

        Assert.Equal(1, figures["step_s"]!.GetValue<int>());
        Assert.Equal(300, figures["points"]!.GetValue<int>());
        Assert.InRange(figures["end"]!.GetValue<long>(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 10, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        foreach (var backend in new[] { "dash_v1", "dash_v2" })
        {
            var series = figures["backends"]![backend]!.AsObject();
            Assert.Equal(["requests_per_s", "error_rate", "p50_ms", "p99_ms", "batch_size", "queued", "ongoing"], series.Select(p => p.Key));
            Assert.All(series, p => Assert.Equal(300, p.Value!.AsArray().Count));
        }

        await Eventually.TrueAsync(async () =>
        {
            var batches = (await Node.Admin.GetJsonAsync("api/figures"))["backends"]?["dash_v2"]?["batch_size"]?.AsArray();
            return batches?.Any(v => v?.GetValue<double>() >= 1) == true;
        }, "a batch size in dash_v2's series");
    }

    [Fact]
    public async Task Status_AfterTraffic_LiveRateAndLatencyPerBackend()
    {
        using var traffic = Traffic.Start(Node, "dash");
        JsonNode live = null!;
        await Eventually.TrueAsync(async () =>
        {
            live = (await Node.Admin.GetJsonAsync("api/status"))["backends"]!["dash_v1"]!["live"]!;
            return live?["requests_per_s"]?.GetValue<double>() > 0 && live["p50_ms"] is not null;
        }, "live figures of dash_v1 in the status");
        Assert.True(live["p99_ms"]!.GetValue<double>() >= live["p50_ms"]!.GetValue<double>());
        Assert.Equal(10, live["window_s"]!.GetValue<double>());

        var (code, stdout, stderr) = await NodeProcess.RunCliAsync(
            new Dictionary<string, string> { ["SWITCHYARD_ADMIN_TOKEN"] = Token, ["COLUMNS"] = "240" }, "status", "--admin", Origin);
        Assert.True(code == 0, stderr);
        Assert.Matches(@"req/s\s+│ p50\s+│ p99", stdout);
        Assert.Matches(@"│ dash_v1 .*│ [0-9.]+\s+│ [0-9.]+ ms\s+│ [0-9.]+ ms\s+│", stdout);
    }

    [Theory]
    [InlineData(null, null, null, HttpStatusCode.Unauthorized)]
    [InlineData(Token, "evil.example", null, HttpStatusCode.MisdirectedRequest)]
    [InlineData(Token, null, "Origin: http://evil.example", HttpStatusCode.Forbidden)]
    [InlineData(Token, null, "Sec-Fetch-Site: cross-site", HttpStatusCode.Forbidden)]
    [InlineData(Token, null, "Sec-Fetch-Site: same-origin", HttpStatusCode.OK)]
    [InlineData(Token, null, null, HttpStatusCode.OK)]
    public async Task FiguresRoute_GuardedAsTheRestOfTheAdminPlane(string? token, string? host, string? header, HttpStatusCode expected)
    {
        using var client = new HttpClient { BaseAddress = new Uri(Origin + "/") };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/figures");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (header?.Split(": ") is [var name, var value])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Page_WithoutToken_ServedSmallWithAPolicyAgainstOutsideSources()
    {
        using var client = new HttpClient { BaseAddress = new Uri(Origin + "/") };
        long total = 0;
        foreach (var path in new[] { "", "dashboard", "dashboard/dashboard.css", "dashboard/dashboard.js" })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync();
            total += Encoding.UTF8.GetByteCount(body);
            Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.DoesNotMatch(@"(src|href)\s*=\s*[""']?(https?:)?//", body);
            Assert.DoesNotContain("/api/backends", body, StringComparison.Ordinal); // the page holds no data of its own
        }

        Assert.InRange(total, 1, 200 * 1024);
        using var crossSite = new HttpRequestMessage(HttpMethod.Get, "dashboard");
        crossSite.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(crossSite)).StatusCode);
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "");
        rebound.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.MisdirectedRequest, (await client.SendAsync(rebound)).StatusCode);
    }

    [Fact]
    public async Task Page_InChromium_AsksForTheTokenShowsTheClusterAndMovesWithTraffic()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y chromium (.ci/run does it)");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1100 } });
        page.SetDefaultTimeout(30_000);
        var problems = new List<string>();
        var elsewhere = new List<string>();
        // A 401 is how the page learns it needs the token (none, or a wrong one); with the right one there must be none.
        page.Console += (_, message) => { if (message.Type == "error" && !message.Text.Contains("status of 401", StringComparison.Ordinal)) { problems.Add(message.Text); } };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.Headers.GetValueOrDefault("authorization") == "Bearer " + Token)
            {
                problems.Add($"{response.Status} from {response.Url}");
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        page.Request += (_, request) => { if (!request.Url.StartsWith(Origin + "/", StringComparison.Ordinal)) { elsewhere.Add(request.Url); } };

        await page.GotoAsync(Origin + "/");
        await page.Locator("#token").WaitForAsync();
        await page.Locator("#token").FillAsync("not-the-token");
        await page.Locator("#login button").ClickAsync();
        await page.Locator("#login-problem:has-text('refused')").WaitForAsync();
        await page.Locator("#token").FillAsync(Token);
        await page.Locator("#login button").ClickAsync();

        var endpoint = page.Locator("[data-endpoint='dash']");
        await endpoint.WaitForAsync();
        Assert.False(await page.Locator("#login").IsVisibleAsync());
        Assert.Equal("dash_v1 75%", (await endpoint.Locator(".weight[data-backend='dash_v1']").InnerTextAsync()).Trim());
        Assert.Equal("dash_v2 25%", (await endpoint.Locator(".weight[data-backend='dash_v2']").InnerTextAsync()).Trim());
        Assert.Equal(2, await endpoint.Locator("svg.bar rect").CountAsync());
        var roll = page.Locator("[data-endpoint='dash_roll']");
        Assert.Equal("dash_v2 50%", (await roll.Locator(".weight[data-backend='dash_v2']").InnerTextAsync()).Trim());
        Assert.Equal("dash_gpu 20%", (await roll.Locator(".shadow[data-backend='dash_gpu']").InnerTextAsync()).Trim());
        Assert.Contains("rollout to dash_v2: running, step 1/2", await roll.Locator("[data-rollout='running']").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("[data-backend='dash_v1'] [data-node='e2e'] .replica[data-state='running']").WaitForAsync();
        await page.Locator("[data-backend='dash_v2'] .replica[data-state='running']").WaitForAsync();
        var pending = page.Locator("[data-backend='dash_gpu'] .replica[data-state='pending']");
        await pending.WaitForAsync();
        Assert.Contains("num_gpus=1", await pending.InnerTextAsync(), StringComparison.Ordinal);
        var before = await page.Locator("[data-backend='dash_v1'] [data-figure='rps']").InnerTextAsync();

        // Other tests of this class may have sent traffic just before: "moves" is a new rate above zero.
        using (Traffic.Start(Node, "dash"))
        {
            await page.WaitForFunctionAsync(
                """
                before => {
                  const text = (selector) => document.querySelector(selector)?.textContent ?? "";
                  const rate = text("[data-backend='dash_v1'] [data-figure='rps']");
                  return rate !== before && parseFloat(rate) > 0
                    && parseFloat(text("[data-backend='dash_v1'] [data-latest='requests_per_s']")) > 0
                    && parseFloat(text("[data-backend='dash_v1'] [data-figure='p99']")) > 0
                    && parseFloat(text("[data-backend='dash_v2'] [data-latest='batch_size']")) >= 1;
                }
                """,
                before, new() { Timeout = 45_000, PollingInterval = 200 });
        }

        Assert.NotEqual("M0 100", await page.Locator("[data-backend='dash_v1'] [data-chart='requests_per_s'] path").GetAttributeAsync("d"));

        var screenshot = Path.Combine(NodeProcess.RepositoryRoot, "TestResults", "dashboard", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        output.WriteLine($"dashboard screenshot: {screenshot}");

        // The token stays for the tab: a reload goes straight to the figures.
        await page.ReloadAsync();
        await page.Locator("[data-endpoint='dash']").WaitForAsync();
        Assert.False(await page.Locator("#login").IsVisibleAsync());
        Assert.True(problems.Count == 0, "the page reported: " + string.Join("; ", problems));
        Assert.True(elsewhere.Count == 0, "the page asked elsewhere: " + string.Join("; ", elsewhere));
    }

    /// <summary>One node with a token; an endpoint split 75/25 over a plain and a batch backend, and a backend that cannot be placed.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public NodeProcess Node { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Node = await NodeProcess.StartAsync(extraArgs: ["--admin-token", Token, "--num-gpus", "0"]);
            Node.Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            foreach (var backend in new[]
            {
                """{"name":"dash_v1","class":"Echo"}""",
                """{"name":"dash_v2","class":"BatchEcho","config":{"max_batch_size":4,"batch_wait_timeout_s":0.005}}""",
                """{"name":"dash_gpu","class":"Echo","resources":{"num_gpus":1}}""",
                """{"name":"dash","backend":"dash_v1","route":"/dash","methods":["POST"]}""",
            })
            {
                using var created = await Node.Admin.PostJsonAsync(backend.Contains("\"backend\"") ? "api/endpoints" : "api/backends", backend);
                Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            }

            using var split = await Node.Admin.PutJsonAsync("api/endpoints/dash/traffic", """{"dash_v1":0.75,"dash_v2":0.25}""");
            Assert.True(split.StatusCode == HttpStatusCode.OK, await split.Content.ReadAsStringAsync());

            // No traffic goes to this one: its shadow and its rollout (which waits for requests) only stand still to be drawn.
            using var roll = await Node.Admin.PostJsonAsync("api/endpoints", """{"name":"dash_roll","backend":"dash_v1","route":"/dash_roll"}""");
            Assert.True(roll.StatusCode == HttpStatusCode.Created, await roll.Content.ReadAsStringAsync());
            using var shadow = await Node.Admin.PutJsonAsync("api/endpoints/dash_roll/shadows/dash_gpu", """{"proportion":0.2}""");
            Assert.True(shadow.StatusCode == HttpStatusCode.OK, await shadow.Content.ReadAsStringAsync());
            using var rollout = await Node.Admin.PostJsonAsync("api/endpoints/dash_roll/rollout", """
                {"to": "dash_v2", "steps": [0.5, 1.0], "step_interval_s": 600, "analysis": {"min_requests": 1000000}}
                """);
            Assert.True(rollout.StatusCode == HttpStatusCode.Created, await rollout.Content.ReadAsStringAsync());
        }

        public async Task DisposeAsync() => await Node.DisposeAsync();
    }

    /// <summary>Requests sent to a route from two loops until disposed.</summary>
    private sealed class Traffic : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task[] _loops;

        private Traffic(NodeProcess node, string route)
        {
            _loops = [.. Enumerable.Range(0, 2).Select(_ => Task.Run(() => LoopAsync(node, route, _stop.Token)))];
        }

        public static Traffic Start(NodeProcess node, string route) => new(node, route);

        public void Dispose()
        {
            _stop.Cancel();
            Task.WaitAll(_loops);
            _stop.Dispose();
        }

        private static async Task LoopAsync(NodeProcess node, string route, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await node.Http.PostAsync(route, new StringContent("hi"), stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
