using System.Text.Json;
using Switchyard.Cli;

namespace Switchyard.Tests.Cli;

public sealed class StatusViewTests
{
    private const string Status = """
        {
          "nodes": [
            {"id": "a", "address": "127.0.0.1:11111@1", "status": "alive",
             "resources": {"total": {"num_cpus": 8, "num_gpus": 2, "custom": {"accel": 4}},
                           "available": {"num_cpus": 6.5, "num_gpus": 1, "custom": {"accel": 3}}}},
            {"id": "b", "address": "127.0.0.1:11112@2", "status": "dead",
             "resources": {"total": {"num_cpus": 4, "num_gpus": 0, "custom": {}}, "available": {"num_cpus": 4, "num_gpus": 0, "custom": {}}}}
          ],
          "backends": {
            "digits_v1": {
              "class": "onnx",
              "config": {"num_replicas": 2, "max_batch_size": 16, "batch_wait_timeout_s": 0.002, "max_concurrent_queries": 100,
                         "max_queued_requests": -1, "request_timeout_s": 5, "user_config": null},
              "resources": {"num_cpus": 0, "num_gpus": 1, "custom": {}},
              "replicas": [
                {"tag": "digits_v1#1", "node": "a", "state": "running", "gpu_ids": [1]},
                {"tag": "digits_v1#2", "node": null, "state": "pending", "gpu_ids": [], "reason": "no node has 1 free GPU"}
              ],
              "autoscaling": {"target_replicas": 3, "ongoing_requests": 4.5}
            }
          },
          "endpoints": {
            "digits": {"route": "/digits", "methods": ["POST"], "traffic": {"digits_v1": 0.75, "digits_v2": 0.25}, "shadows": {"digits_v3": 0.1}},
            "inner": {"route": null, "methods": ["GET"], "traffic": {"digits_v1": 1}, "shadows": {}}
          },
          "controller": {"node": "a"}
        }
        """;

    [Fact]
    public void Render_FullStatus_EveryTableWithItsFacts()
    {
        var text = Render(Status);
        Assert.Contains("a (controller)", text, StringComparison.Ordinal);
        Assert.Matches(@"│ b\s+│ dead\s+│", text);
        Assert.Matches(@"│ 6\.5/8\s+│ 1/2\s+│ accel 3/4", text);
        Assert.Contains("replicas 2, batch 16, wait 2ms, concurrency 100, timeout 5s", text, StringComparison.Ordinal);
        Assert.Contains("1 running, 1 pending", text, StringComparison.Ordinal);
        Assert.Contains("target 3, ongoing 4.5", text, StringComparison.Ordinal);
        Assert.Matches(@"│ digits_v1#1\s+│ digits_v1\s+│ running\s+│ a\s+│ 1\s+│", text);
        Assert.Matches(@"│ digits_v1#2\s+│ digits_v1\s+│ pending\s+│\s+│\s+│ no node has 1 free GPU", text);
        Assert.Matches(@"│ digits\s+│ /digits\s+│ POST\s+│ digits_v1 75%\s+│ digits_v3 10%", text);
        Assert.Contains("digits_v2 25%", text, StringComparison.Ordinal);
        Assert.Contains("(handle only)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NothingOptionalPresent_ColumnsLeftOut()
    {
        var text = Render("""
            {"nodes": [], "backends": {"b": {"class": "Echo", "config": {"num_replicas": 1},
              "resources": {}, "replicas": [{"tag": "b#1", "node": "a", "state": "running", "gpu_ids": []}]}},
             "endpoints": {}, "controller": {"node": null}}
            """);
        Assert.DoesNotContain("autoscaling", text, StringComparison.Ordinal);
        Assert.DoesNotContain("reason", text, StringComparison.Ordinal);
        Assert.DoesNotContain("gpu ids", text, StringComparison.Ordinal);
        Assert.DoesNotContain("req/s", text, StringComparison.Ordinal);
        Assert.Contains("no endpoints", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NotATerminal_NoColourCodes()
    {
        Assert.DoesNotContain('\u001b', Render(Status));
    }

    [Fact]
    public void Render_Rollout_ShowsStateAndStep()
    {
        var text = Render("""
            {"nodes": [], "backends": {}, "endpoints": {"e": {"route": "/e", "methods": ["GET"], "traffic": {"v1": 0.95, "v2": 0.05},
              "shadows": {}, "rollout": {"to": "v2", "steps": [0.05, 0.5, 1.0], "step": 0, "state": "running"}}}}
            """);
        Assert.Contains("running to v2, step 1/3", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LiveFigures_RateAndLatencyPerBackend()
    {
        var text = Render("""
            {"nodes": [], "endpoints": {}, "backends": {
              "busy": {"class": "Echo", "config": {"num_replicas": 1}, "resources": {}, "replicas": [],
                       "live": {"window_s": 10, "requests_per_s": 123.456, "error_rate": 0, "p50_ms": 2.345, "p99_ms": 18.76}},
              "idle": {"class": "Echo", "config": {"num_replicas": 1}, "resources": {}, "replicas": [],
                       "live": {"window_s": 10, "requests_per_s": 0, "error_rate": null, "p50_ms": null, "p99_ms": null}}}}
            """);
        Assert.Matches(@"│ req/s\s+│ p50\s+│ p99\s+│", text);
        Assert.Matches(@"│ busy\s+│.*│ 123\s+│ 2\.3 ms\s+│ 18\.8 ms\s+│", text);
        Assert.Matches(@"│ idle\s+│.*│ 0\s+│ –\s+│ –\s+│", text);
    }

    private static string Render(string json)
    {
        using var document = JsonDocument.Parse(json);
        var output = new StringWriter();
        Consoles.Create(output).Write(StatusView.Render(document.RootElement));
        return output.ToString();
    }
}
