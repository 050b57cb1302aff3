using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// The hostile-input suite (issue 8): every body of <see cref="HostileBodies"/> sent to every admin call that reads a
/// body and to the ingress of a real node, asserting the status, the time to answer, that the node stays alive with
/// its memory bounded, and that nothing changed.
/// </summary>
[Collection(MeasuredCollection.Name)]
public sealed class HostileInputTests : IAsyncLifetime
{
    private static readonly (HttpMethod Method, string Path)[] AdminCalls =
    [
        (HttpMethod.Post, "api/backends"),
        (HttpMethod.Patch, "api/backends/victim/config"),
        (HttpMethod.Post, "api/endpoints"),
        (HttpMethod.Put, "api/endpoints/victim/traffic"),
        (HttpMethod.Put, "api/endpoints/victim/shadows/victim"),
        (HttpMethod.Post, "api/deploy"),
    ];

    private NodeProcess _node = null!;

    public async Task InitializeAsync()
    {
        _node = await NodeProcess.StartAsync();
        await _node.DeployAsync("victim", "Echo", methods: """["POST"]""");
        // The ingress hands bodies to backends unparsed; one that ignores them keeps the memory measured the ingress's own.
        await _node.DeployAsync("quiet", "Named", initArgs: """["quiet"]""", methods: """["POST"]""");
        // A tensor backend: its /v2 route decodes every body as a protocol request.
        await _node.DeployAsync("tensor", "Scaler", methods: """["POST"]""");
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task AdminCalls_EveryHostileBody_RefusedQuicklyWithMemoryBoundedAndStateUnchanged()
    {
        var before = await StateAsync();
        await SendAsync(_node.Admin, HttpMethod.Get, "api/status", HostileBodies.All[^1]); // warm every code path once
        var residentBefore = ProcessMemory.Resident(_node.ProcessId);
        var peakBefore = ProcessMemory.Peak(_node.ProcessId);
        var failures = new List<string>();
        foreach (var (method, path) in AdminCalls)
        {
            foreach (var body in HostileBodies.All)
            {
                var clock = Stopwatch.StartNew();
                using var response = await SendAsync(_node.Admin, method, path, body);
                var elapsed = clock.Elapsed;
                var text = await response.Content.ReadAsStringAsync();
                var expected = body.Name == "over the admin body limit" ? HttpStatusCode.RequestEntityTooLarge : HttpStatusCode.BadRequest;
                if (response.StatusCode != expected || response.Content.Headers.ContentType?.MediaType != "application/problem+json" || !text.Contains("\"detail\"", StringComparison.Ordinal))
                {
                    failures.Add($"{method} {path} with {body.Name}: {(int)response.StatusCode} {response.Content.Headers.ContentType} {text[..Math.Min(200, text.Length)]}");
                }

                if (elapsed > TimeSpan.FromSeconds(1))
                {
                    failures.Add($"{method} {path} with {body.Name}: answered after {elapsed.TotalMilliseconds:0} ms");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));

        // About 150 refused calls of bodies up to 1 MiB: the server GC keeps some of what parsing them took (tens of
        // MB on a busy machine); a body that blew up (the alias bomb grew a node by 10 GB) would be far beyond this.
        await AssertAliveAndBoundedAsync(residentBefore, peakBefore, 100);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task AdminCalls_ProblemsNameTheCause()
    {
        (string Body, string Expected)[] cases =
        [
            ("billion laughs (YAML alias bomb)", "nodes once its aliases are expanded"),
            ("self-referencing alias", "(a cycle)"),
            ("10,000-deep YAML flow sequences", "nests deeper than 64 levels"),
            ("non-scalar YAML key", "a mapping key must be a scalar"),
            ("duplicate YAML keys", "appears twice"),
            ("invalid UTF-8", "not valid UTF-8"),
            ("escaped half surrogate pair", "half a surrogate pair"),
            ("NUL bytes", "NUL"),
            ("UTF-16 JSON", "charset 'utf-16' is not supported"),
        ];
        foreach (var (name, expected) in cases)
        {
            using var response = await SendAsync(_node.Admin, HttpMethod.Post, "api/deploy", HostileBodies.All.Single(b => b.Name == name));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(text.Contains(expected, StringComparison.Ordinal), $"{name}: {text}");
        }
    }

    [Fact]
    public async Task Ingress_EveryHostileBody_AnsweredWithoutAServerError()
    {
        var residentBefore = ProcessMemory.Resident(_node.ProcessId);
        var peakBefore = ProcessMemory.Peak(_node.ProcessId);
        var failures = new List<string>();
        foreach (var body in HostileBodies.All)
        {
            foreach (var path in new[] { "quiet", "quiet/deeper/path", "-/routes", "nowhere", "v2/models/quiet/infer", "v2/models/quiet/versions/quiet/infer", "v2/models/tensor/infer", "v2/models/nowhere/infer" })
            {
                var clock = Stopwatch.StartNew();
                using var response = await SendAsync(_node.Http, HttpMethod.Post, path, body);
                if ((int)response.StatusCode >= 500 || clock.Elapsed > TimeSpan.FromSeconds(1))
                {
                    failures.Add($"POST {path} with {body.Name}: {(int)response.StatusCode} after {clock.Elapsed.TotalMilliseconds:0} ms");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        await AssertAliveAndBoundedAsync(residentBefore, peakBefore, 50);
    }

    private async Task AssertAliveAndBoundedAsync(long residentBefore, long peakBefore, int megabytes)
    {
        using var health = await _node.Http.GetAsync("-/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var grew = ProcessMemory.Resident(_node.ProcessId) - residentBefore;
        var peakGrew = ProcessMemory.Peak(_node.ProcessId) - peakBefore;
        Assert.True(grew < megabytes * 1024L * 1024, $"resident memory grew by {grew / 1024 / 1024} MB");
        Assert.True(peakGrew < megabytes * 1024L * 1024, $"peak resident memory grew by {peakGrew / 1024 / 1024} MB");
    }

    private async Task<string> StateAsync() =>
        await _node.Admin.GetStringAsync("api/backends") + await _node.Admin.GetStringAsync("api/endpoints");

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, HostileBodies.Body body)
    {
        var content = new ByteArrayContent(body.Bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(body.ContentType);
        using var request = new HttpRequestMessage(method, path) { Content = content };
        return await client.SendAsync(request);
    }
}
