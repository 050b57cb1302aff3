using System.Net;

namespace Switchyard.EndToEnd.Tests;

/// <summary>The Prometheus scrape on the admin port: exact counts for known traffic, and every instrument of the contract.</summary>
public sealed class MetricsTests
{
    private const string Deployment = """
        {
          "backends": {
            "plain": {"class": "Thrower", "config": {"num_replicas": 2}},
            "batch": {"class": "BatchEcho", "config": {"max_batch_size": 4, "batch_wait_timeout_s": 0.2, "max_concurrent_queries": 16}},
            "empty": {"class": "Echo", "config": {"num_replicas": 0}}
          },
          "endpoints": {
            "mixed": {"route": "/mixed", "methods": ["POST"], "traffic": {"plain": 1.0}},
            "batched": {"route": "/batched", "methods": ["POST"], "traffic": {"batch": 1.0}},
            "split": {"route": "/split", "methods": ["POST"], "traffic": {"plain": 0.5, "batch": 0.5}},
            "nothing": {"route": "/nothing", "methods": ["POST"], "traffic": {"empty": 1.0}}
          }
        }
        """;

    [Fact]
    public async Task Scrape_KnownTraffic_ExactCountsPerEndpointBackendStatus()
    {
        await using var node = await NodeProcess.StartAsync();
        using (var deployed = await node.Admin.PostJsonAsync("api/deploy", Deployment))
        {
            Assert.True(deployed.IsSuccessStatusCode, await deployed.Content.ReadAsStringAsync());
        }

        await Eventually.TrueAsync(async () => (await node.ReplicasAsync("plain")).Count(r => r["state"]!.GetValue<string>() == "running") == 2, "both plain replicas running");

        await Send(node, "mixed", "ok", 5, HttpStatusCode.OK);
        await Send(node, "mixed", "", 3, HttpStatusCode.BadRequest);
        await Send(node, "mixed", "boom", 2, HttpStatusCode.InternalServerError);
        var batched = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => node.Http.PostAsync("batched", new StringContent($"b{i}"))));
        Assert.All(batched, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var splitToBatch = 0;
        for (var i = 0; i < 10; i++)
        {
            using var response = await node.Http.PostAsync("split", new StringContent("s"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            splitToBatch += (await response.Content.ReadAsStringAsync()).Contains('|') ? 1 : 0; // BatchEcho answers "body|size"
        }

        await Send(node, "nothing", "x", 3, HttpStatusCode.ServiceUnavailable);
        var splitToPlain = 10 - splitToBatch;

        var scrape = await PrometheusText.ScrapeAsync(node.Admin);
        Assert.Equal("counter", scrape.TypeOf("switchyard_requests_total"));
        Assert.Equal(5, scrape.Value("switchyard_requests_total", "endpoint=mixed", "backend=plain", "status=200"));
        Assert.Equal(3, scrape.Value("switchyard_requests_total", "endpoint=mixed", "backend=plain", "status=400"));
        Assert.Equal(2, scrape.Value("switchyard_requests_total", "endpoint=mixed", "backend=plain", "status=500"));
        Assert.Equal(8, scrape.Value("switchyard_requests_total", "endpoint=batched", "backend=batch", "status=200"));
        Assert.Equal(splitToPlain, scrape.Sum("switchyard_requests_total", "endpoint=split", "backend=plain", "status=200"));
        Assert.Equal(splitToBatch, scrape.Sum("switchyard_requests_total", "endpoint=split", "backend=batch", "status=200"));
        Assert.Equal(3, scrape.Value("switchyard_requests_total", "endpoint=nothing", "backend=empty", "status=503"));
        Assert.Equal(31, scrape.Sum("switchyard_requests_total"));

        Assert.Equal("histogram", scrape.TypeOf("switchyard_request_duration_seconds"));
        Assert.Equal(10, scrape.Value("switchyard_request_duration_seconds_count", "endpoint=mixed", "backend=plain"));
        Assert.Equal(8, scrape.Value("switchyard_request_duration_seconds_count", "endpoint=batched", "backend=batch"));
        Assert.Equal(splitToPlain, scrape.Sum("switchyard_request_duration_seconds_count", "endpoint=split", "backend=plain"));
        Assert.Equal(splitToBatch, scrape.Sum("switchyard_request_duration_seconds_count", "endpoint=split", "backend=batch"));
        Assert.Equal(3, scrape.Value("switchyard_request_duration_seconds_count", "endpoint=nothing", "backend=empty"));
        Assert.Equal(31, scrape.Sum("switchyard_request_duration_seconds_count"));
        Assert.Equal(10, scrape.Value("switchyard_request_duration_seconds_bucket", "endpoint=mixed", "backend=plain", "le=+Inf"));

        // Every call that reached a backend waited in a queue once; a plain backend's calls are batches of one.
        Assert.Equal(10 + splitToPlain, scrape.Value("switchyard_queue_duration_seconds_count", "backend=plain"));
        Assert.Equal(8 + splitToBatch, scrape.Value("switchyard_queue_duration_seconds_count", "backend=batch"));
        Assert.Equal(10 + splitToPlain, scrape.Value("switchyard_batch_size_count", "backend=plain"));
        Assert.Equal(10 + splitToPlain, scrape.Value("switchyard_batch_size_sum", "backend=plain"));
        Assert.Equal(8 + splitToBatch, scrape.Value("switchyard_batch_size_sum", "backend=batch"));
        var batches = scrape.Value("switchyard_batch_size_count", "backend=batch");
        Assert.InRange(batches, 2 + (splitToBatch > 0 ? 1 : 0), 8 + splitToBatch - 1);
        Assert.Equal(batches, scrape.Value("switchyard_batch_size_bucket", "backend=batch", "le=4"));
        Assert.Empty(scrape.Values("switchyard_queue_duration_seconds_count", "backend=empty"));

        foreach (var backend in new[] { "plain", "batch", "empty" })
        {
            Assert.Equal(0, scrape.Value("switchyard_queued_requests", $"backend={backend}"));
            Assert.Equal(-1, scrape.Value("switchyard_autoscaling_target_replicas", $"backend={backend}"));
            Assert.Equal(0, scrape.Sum("switchyard_replicas", $"backend={backend}", "state=failed"));
        }

        Assert.Equal(2, scrape.Value("switchyard_replicas", "backend=plain", "state=running"));
        Assert.Equal(1, scrape.Value("switchyard_replicas", "backend=batch", "state=running"));
        Assert.Equal(0, scrape.Value("switchyard_replicas", "backend=empty", "state=running"));
        Assert.Equal(2, scrape.Value("switchyard_replica_starts_total", "backend=plain"));
        Assert.Equal(1, scrape.Value("switchyard_replica_starts_total", "backend=batch"));
        Assert.Equal(0, scrape.Value("switchyard_replica_starts_total", "backend=empty"));
        foreach (var endpoint in new[] { "mixed", "batched", "split", "nothing" })
        {
            Assert.Equal(-1, scrape.Value("switchyard_rollout_step", $"endpoint={endpoint}"));
        }

        // The runtime's and ASP.NET Core's own instruments come along.
        Assert.NotEmpty(scrape.Values("dotnet_gc_collections_total"));
        Assert.NotEmpty(scrape.Values("http_server_request_duration_seconds_count"));
    }

    [Fact]
    public async Task Scrape_OnTheHttpPort_NotServed()
    {
        await using var node = await NodeProcess.StartAsync();
        using var response = await node.Http.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task Send(NodeProcess node, string path, string body, int count, HttpStatusCode expected)
    {
        for (var i = 0; i < count; i++)
        {
            using var response = await node.Http.PostAsync(path, new StringContent(body));
            Assert.Equal(expected, response.StatusCode);
        }
    }
}
