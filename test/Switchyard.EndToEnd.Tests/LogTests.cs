using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.EndToEnd.Tests;

/// <summary><c>--log-format json</c>: one JSON object per line, and every control-plane event as one line with its names.</summary>
public sealed class LogTests
{
    [Fact]
    public async Task JsonLog_ControlPlaneChanges_OneObjectPerLineWithTheirFields()
    {
        await using var node = await NodeProcess.StartAsync(extraArgs: ["--log-format", "json"]);
        await node.DeployAsync("logged_v1", "Echo", config: """{"num_replicas": 2}""", methods: """["POST"]""", route: "/logged");
        using (var second = await node.Admin.PostJsonAsync("api/backends", """{"name":"logged_v2","class":"Echo"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        }

        using (var traffic = await node.Admin.PutJsonAsync("api/endpoints/logged_v1/traffic", """{"logged_v1":0.5,"logged_v2":0.5}"""))
        {
            Assert.Equal(HttpStatusCode.OK, traffic.StatusCode);
        }

        using (var scaled = await node.Admin.PatchJsonAsync("api/backends/logged_v1/config", """{"num_replicas": 1}"""))
        {
            Assert.Equal(HttpStatusCode.OK, scaled.StatusCode);
        }

        await Eventually.TrueAsync(() => Task.FromResult(Events(node).Any(e => Id(e) == 1017) && Events(node).Any(e => Id(e) == 1006)), "the 'traffic changed' and 'replica drained' events");
        using (var deleted = await node.Admin.DeleteAsync("api/endpoints/logged_v1"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (var deleted = await node.Admin.DeleteAsync("api/backends/logged_v2"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        // The console log is written by a background thread: wait for the last lines the changes cause.
        await Eventually.TrueAsync(
            () => Task.FromResult(Events(node) is var seen && seen.Any(e => Id(e) == 1003) && seen.Any(e => Id(e) == 1016 && Field(e, "Reason") == "its backend was deleted")),
            "the 'backend deleted' and its 'replica draining' events");
        var events = Events(node);
        foreach (var e in events)
        {
            Assert.NotNull(e["Timestamp"]);
            Assert.NotNull(e["LogLevel"]);
            Assert.NotNull(e["Category"]);
            Assert.NotNull(e["Message"]);
        }

        Assert.Equal("e2e", Field(Single(events, 1000), "Node"));
        Assert.Equal("e2e", Field(Single(events, 1021), "Nodes"));
        var created = events.Where(e => Id(e) == 1001).ToList();
        Assert.Contains(created, e => Field(e, "Backend") == "logged_v1" && Field(e, "Class") == "Echo");
        Assert.Contains(created, e => Field(e, "Backend") == "logged_v2");
        Assert.Equal(3, events.Count(e => Id(e) == 1015 && Field(e, "Node") == "e2e" && Field(e, "Replica")!.StartsWith("logged_v", StringComparison.Ordinal)));
        Assert.Equal(3, events.Count(e => Id(e) == 1010 && Field(e, "Node") == "e2e"));
        var changed = Single(events, 1006);
        Assert.Equal("logged_v1", Field(changed, "Endpoint"));
        Assert.Equal(1.0, JsonNode.Parse(Field(changed, "OldTraffic")!)!["logged_v1"]!.GetValue<double>());
        Assert.Equal(0.5, JsonNode.Parse(Field(changed, "NewTraffic")!)!["logged_v2"]!.GetValue<double>());
        var draining = events.Where(e => Id(e) == 1016).ToList();
        Assert.Contains(draining, e => Field(e, "Reason") == "scaled down" && Field(e, "Node") == "e2e");
        Assert.Contains(draining, e => Field(e, "Reason") == "its backend was deleted");
        Assert.Contains(events, e => Id(e) == 1017 && Field(e, "Node") == "e2e");
        Assert.Equal("logged_v1", Field(Single(events, 1005), "Endpoint"));
        Assert.Equal("logged_v2", Field(Single(events, 1003), "Backend"));
        Assert.Equal("e2e", Field(Single(events, 6000), "Node"));
    }

    /// <summary>Every line the node wrote, each parsed as one JSON object (the test fails on any other line).</summary>
    private static List<JsonObject> Events(NodeProcess node) =>
        node.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line =>
            {
                try
                {
                    return JsonNode.Parse(line) as JsonObject ?? throw new JsonException("not an object");
                }
                catch (JsonException ex)
                {
                    throw new Xunit.Sdk.XunitException($"a log line is not a JSON object ({ex.Message}): {line}");
                }
            })
            .ToList();

    private static int Id(JsonObject e) => e["EventId"]?.GetValue<int>() ?? -1;

    private static string? Field(JsonObject e, string name) => e["State"]?[name]?.ToString();

    private static JsonObject Single(List<JsonObject> events, int id)
    {
        var matching = events.Where(e => Id(e) == id).ToList();
        Assert.True(matching.Count == 1, $"expected one event {id}, found {matching.Count}");
        return matching[0];
    }
}
