using System.Net;
using System.Net.Http.Headers;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// Many large bodies at once (the node's body budget, docs/security.md): 40 callers that each send a 16 MiB body to a
/// backend that holds its calls for two seconds would make the node hold 640 MiB. Under a 512 MiB heap limit it stays
/// up, refuses the bodies past its 256 MiB budget with 503 and <c>Retry-After</c>, answers the rest, and takes large
/// bodies again once those are answered (the budget is given back).
/// </summary>
[Collection(MeasuredCollection.Name)]
public sealed class BodyBudgetTests : IAsyncLifetime
{
    private const int Callers = 40;
    private const int BodyBytes = 16 * 1024 * 1024;
    private const long Budget = 256L * 1024 * 1024;
    private NodeProcess _node = null!;

    public async Task InitializeAsync()
    {
        _node = await NodeProcess.StartAsync(new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x20000000" });
        await _node.DeployAsync("hold", "Slow", initArgs: """{"delay_ms": 2000}""", methods: """["POST"]""");
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task ManyLargeBodiesAtOnce_PastTheBudgetRefused503_NodeUpAndTheRestAnswered()
    {
        var body = new byte[BodyBytes];
        var calls = Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => PostAsync(_node.Http, body)));

        // While the backend holds the bodies it was given, the node's gauge shows them, within the budget.
        var held = await Eventually.ValueAsync(
            async _ => (await PrometheusText.ScrapeAsync(_node.Admin)).Value("switchyard_buffered_request_bytes"),
            bytes => bytes >= 4 * BodyBytes,
            "switchyard_buffered_request_bytes to show the bodies held",
            seconds: 30,
            describe: bytes => $"{bytes} bytes",
            every: TimeSpan.FromMilliseconds(100));
        Assert.True(held <= Budget, $"the node held {held} bytes of bodies, past its budget of {Budget}");
        var answers = await calls;

        var summary = string.Join(", ", answers.GroupBy(a => a.Status).Select(g => $"{g.Count()} × {g.Key}"));
        Assert.All(answers, a => Assert.True(a.Status is 200 or 503, $"every call is answered or refused as over the budget; got {summary}: {a.Text}"));
        var refused = answers.Where(a => a.Status == 503).ToList();
        Assert.True(refused.Count >= Callers - 16, $"at most 16 bodies of 16 MiB fit a 256 MiB budget; got {summary}");
        Assert.True(answers.Count(a => a.Status == 200) >= 4, $"the bodies within the budget are answered; got {summary}");
        Assert.All(refused, a =>
        {
            Assert.Equal("1", a.RetryAfter);
            Assert.Equal("application/problem+json", a.ContentType);
            Assert.Contains($"The node holds its limit of {Budget} bytes of request bodies", a.Text, StringComparison.Ordinal);
        });

        using var health = await _node.Http.GetAsync("-/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        // Every answered or refused body gave its bytes back: large bodies, one after another, fit again.
        for (var i = 0; i < 3; i++)
        {
            var again = await PostAsync(_node.Http, body);
            Assert.True(again.Status == 200, $"a 16 MiB body after the burst: {again.Status} {again.Text}");
        }

        await Eventually.TrueAsync(async () => (await PrometheusText.ScrapeAsync(_node.Admin)).Value("switchyard_buffered_request_bytes") == 0, "every body's bytes given back (switchyard_buffered_request_bytes 0)");
    }

    private static async Task<Answer> PostAsync(HttpClient http, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await http.PostAsync("hold?ms=2000", content);
        return new Answer(
            (int)response.StatusCode,
            response.Headers.RetryAfter?.ToString(),
            response.Content.Headers.ContentType?.MediaType,
            await response.Content.ReadAsStringAsync());
    }

    private sealed record Answer(int Status, string? RetryAfter, string? ContentType, string Text);
}
