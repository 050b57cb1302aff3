using System.Diagnostics;
using System.Net;
using System.Text;

namespace Switchyard.EndToEnd.Tests;

/// <summary><c>--otlp-endpoint</c>: a node pushes its traces and metrics to an OTLP/HTTP collector.</summary>
public sealed class OtlpTests
{
    [Fact]
    public async Task OtlpEndpoint_TracedRequest_SpansAndMetricsReachTheCollector()
    {
        using var collector = new OtlpReceiver();
        var environment = new Dictionary<string, string>
        {
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        };
        await using var node = await NodeProcess.StartAsync(environment, "--otlp-endpoint", collector.Endpoint.ToString());
        await node.DeployAsync("exported", "Echo", methods: """["POST"]""");

        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "exported") { Content = new StringContent("x") };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await node.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(trace.ToString(), Assert.Single(response.Headers.GetValues("traceresponse")), StringComparison.Ordinal);

        // OTLP carries trace ids as 16 raw bytes and span names as UTF-8 strings; a span's id and name sit in one export.
        var traceBytes = Convert.FromHexString(trace.ToString());
        await Eventually.TrueAsync(
            () => Task.FromResult(collector.HoldsEach("/v1/traces", traceBytes, Utf8("switchyard.route"), Utf8("switchyard.replica"), Utf8("switchyard.queue"))),
            "the request's route, replica and queue spans exported to the collector");
        await Eventually.TrueAsync(
            () => Task.FromResult(collector.Holds("/v1/metrics", Utf8("switchyard_requests_total"), Utf8("exported"))),
            "switchyard_requests_total exported to the collector");
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
