using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Hosting;
using Switchyard.TestBackends;
using Switchyard.Tests.Hosting;

namespace Switchyard.Tests.Diagnostics;

/// <summary>Spans of real requests through an embedded node, caught by OpenTelemetry's in-memory exporter.</summary>
public sealed class TracingTests : IAsyncLifetime
{
    private readonly List<Activity> _spans = [];
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private HttpClient _admin = null!;
    private TempDirectory _state = null!;

    public async Task InitializeAsync()
    {
        _state = new TempDirectory();
        var options = EmbeddedNode.Options("traced", _state.Path);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing
            .AddSource(SwitchyardActivities.SourceName)
            .AddAspNetCoreInstrumentation(o => o.Filter = SwitchyardTelemetry.IsTraced)
            .AddInMemoryExporter(_spans));
        builder.AddSwitchyard(options).AddBackend<Echo>().AddBackend<BatchEcho>();
        _app = builder.Build();
        _app.MapSwitchyard();
        await _app.StartAsync();
        await _app.Services.GetRequiredService<NodeStartup>().Completion.WaitAsync(TimeSpan.FromSeconds(60));
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{options.HttpPort}/") };
        _admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{options.AdminPort}/") };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _state.Dispose();
    }

    [Fact]
    public async Task Request_WithTraceparent_ContinuedThroughIngressRouteReplicaAndQueue()
    {
        await DeployAsync("""{"backends": {"traced_echo": {"class": "Echo"}}, "endpoints": {"traced_echo": {"route": "/traced", "methods": ["POST"], "traffic": {"traced_echo": 1.0}}}}""");
        var trace = ActivityTraceId.CreateRandom();
        var caller = ActivitySpanId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "traced") { Content = new StringContent("hi") };
        request.Headers.Add("traceparent", $"00-{trace}-{caller}-01");
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(trace.ToString(), Assert.Single(response.Headers.GetValues("traceresponse")), StringComparison.Ordinal);

        var spans = await SpansAsync(s => s.TraceId == trace, s => s.Count(IsServer) == 1 && s.Any(Named(SwitchyardActivities.Queue)));
        var server = One(spans, IsServer, "server");
        var route = One(spans, Named(SwitchyardActivities.Route), SwitchyardActivities.Route);
        var replica = One(spans, Named(SwitchyardActivities.Replica), SwitchyardActivities.Replica);
        var queue = One(spans, Named(SwitchyardActivities.Queue), SwitchyardActivities.Queue);
        Assert.Equal(caller, server.ParentSpanId);
        Assert.Equal(server.SpanId, route.ParentSpanId);
        Assert.Equal(route.SpanId, replica.ParentSpanId);
        Assert.Equal(replica.SpanId, queue.ParentSpanId);
        Assert.Equal("traced_echo", route.GetTagItem("switchyard.endpoint"));
        Assert.Equal("traced_echo", route.GetTagItem("switchyard.backend"));
        Assert.Equal("traffic_weights", route.GetTagItem("switchyard.routing"));
        Assert.StartsWith("traced_echo#", (string)route.GetTagItem("switchyard.replica")!, StringComparison.Ordinal);
        Assert.Equal("traced", replica.GetTagItem("switchyard.node"));
    }

    [Fact]
    public async Task Batch_ThreeTracedRequests_BatchSpanLinksEachReplicaSpan()
    {
        await DeployAsync("""{"backends": {"traced_batch": {"class": "BatchEcho", "config": {"max_batch_size": 3, "batch_wait_timeout_s": 10, "max_concurrent_queries": 8}}}, "endpoints": {"traced_batch": {"route": "/traced-batch", "methods": ["POST"], "traffic": {"traced_batch": 1.0}}}}""");
        var traces = Enumerable.Range(0, 3).Select(_ => ActivityTraceId.CreateRandom()).ToArray();
        var calls = traces.Select(async trace =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "traced-batch") { Content = new StringContent("b") };
            request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
            using var response = await _http.SendAsync(request);
            return await response.Content.ReadAsStringAsync();
        });
        Assert.All(await Task.WhenAll(calls), body => Assert.Equal("b|3", body));

        var batch = Assert.Single(await SpansAsync(
            s => s.OperationName == SwitchyardActivities.Batch && s.Links.Any(l => traces.Contains(l.Context.TraceId)),
            s => s.Count == 1));
        Assert.Equal(3, batch.GetTagItem("switchyard.batch_size"));
        Assert.Equal(traces.Select(t => t.ToString()).Order(StringComparer.Ordinal), batch.Links.Select(l => l.Context.TraceId.ToString()).Order(StringComparer.Ordinal));
        foreach (var link in batch.Links)
        {
            var replica = Assert.Single(await SpansAsync(s => s.TraceId == link.Context.TraceId && s.OperationName == SwitchyardActivities.Replica, s => s.Count == 1));
            Assert.Equal(replica.SpanId, link.Context.SpanId);
        }
    }

    private async Task DeployAsync(string deployment)
    {
        using var response = await _admin.PostAsync("api/deploy", new StringContent(deployment));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The exported spans matching <paramref name="filter"/>, once <paramref name="done"/> holds for them.</summary>
    private Task<List<Activity>> SpansAsync(Func<Activity, bool> filter, Func<List<Activity>, bool> done) =>
        Eventually.ValueAsync(
            _ =>
            {
                lock (_spans)
                {
                    return Task.FromResult(_spans.ToArray().Where(filter).ToList());
                }
            },
            done,
            "the expected spans",
            describe: spans => string.Join(", ", spans.Select(s => s.OperationName)),
            every: TimeSpan.FromMilliseconds(20));

    private static Activity One(List<Activity> spans, Func<Activity, bool> match, string what)
    {
        var found = spans.Where(match).ToList();
        Assert.True(found.Count == 1, $"expected one {what} span, found {found.Count} among {string.Join(", ", spans.Select(s => s.OperationName))}");
        return found[0];
    }

    private static bool IsServer(Activity span) => span.Kind == ActivityKind.Server && span.Source.Name == "Microsoft.AspNetCore";

    private static Func<Activity, bool> Named(string name) => span => span.OperationName == name;
}
