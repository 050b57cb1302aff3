using System.Text.Json.Nodes;

namespace Switchyard.EndToEnd.Tests.Faults;

/// <summary>
/// Nodes n1, n2, … of one cluster on a real Redis, each with ports of its own that it keeps across restarts (as a
/// node restarted by its supervisor would). Helpers read the cluster as a survivor's admin API reports it.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly Dictionary<string, NodePorts> _ports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeProcess> _nodes = new(StringComparer.Ordinal);

    private TestCluster(string url, int size)
    {
        Url = url;
        for (var i = 1; i <= size; i++)
        {
            _ports[$"n{i}"] = StablePorts.Pick();
        }
    }

    public string Url { get; }

    public IReadOnlyList<string> Ids => [.. _ports.Keys];

    public NodeProcess this[string id] => _nodes[id];

    /// <summary>Starts every node at once and waits until each sees all of them alive.</summary>
    public static async Task<TestCluster> StartAsync(RedisServer redis, int size = 3)
    {
        var cluster = new TestCluster(redis.NewClusterUrl(), size);
        try
        {
            await Task.WhenAll(cluster.Ids.Select(cluster.StartNodeAsync));
            await cluster.WaitAliveAsync(cluster.Ids[0], [.. cluster.Ids]);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>(Re)starts node <paramref name="id"/> with its own ports and waits until its ingress is ready.</summary>
    public async Task<NodeProcess> StartNodeAsync(string id)
    {
        if (_nodes.Remove(id, out var old))
        {
            await old.DisposeAsync();
        }

        var node = await NodeProcess.StartAsync(ports: _ports[id], extraArgs: ["--cluster", Url, "--node-id", id, "--num-cpus", "4"]);
        lock (_nodes)
        {
            _nodes[id] = node;
        }

        return node;
    }

    /// <summary>
    /// Waits until a GET of <paramref name="path"/> answers 200 through every node's ingress: a change is acknowledged
    /// once the node that took it routes it, and reaches the other nodes' routers a moment later.
    /// </summary>
    public async Task WaitRoutedAsync(string path)
    {
        foreach (var (id, node) in Except())
        {
            await Eventually.TrueAsync(
                async () =>
                {
                    using var response = await node.Http.GetAsync(path);
                    return response.StatusCode == System.Net.HttpStatusCode.OK;
                },
                $"GET /{path} answered 200 through {id}");
        }
    }

    /// <summary>The nodes other than <paramref name="ids"/>, as traffic targets.</summary>
    public IEnumerable<(string Id, NodeProcess Node)> Except(params string[] ids) =>
        Ids.Where(i => !ids.Contains(i)).Select(i => (i, _nodes[i]));

    public async Task<JsonNode> StatusAsync(string observer) => await _nodes[observer].Admin.GetJsonAsync("api/status");

    /// <summary>Waits until <paramref name="observer"/>'s status satisfies <paramref name="holds"/>; on timeout the failure shows the last status.</summary>
    public Task WaitStatusAsync(string observer, Func<JsonNode, bool> holds, string what, int seconds = 60) =>
        Eventually.ValueAsync(_ => StatusAsync(observer), holds, what, seconds, describe: status => $"{observer} reported {status.ToJsonString()}");

    /// <summary>The node that holds the controller, as <paramref name="observer"/> reports it.</summary>
    public async Task<string> ControllerAsync(string observer) =>
        (await StatusAsync(observer))["controller"]!["node"]!.GetValue<string>();

    /// <summary>Waits until <paramref name="observer"/> reports exactly <paramref name="alive"/> as the alive nodes.</summary>
    public async Task WaitAliveAsync(string observer, params string[] alive) =>
        await Eventually.TrueAsync(
            async () => AliveNodes(await StatusAsync(observer)).SequenceEqual(alive.Order(StringComparer.Ordinal)),
            $"{observer} to report nodes {string.Join(", ", alive)} alive",
            seconds: 60);

    public static IEnumerable<string> AliveNodes(JsonNode status) =>
        status["nodes"]!.AsArray()
            .Where(n => n!["status"]!.GetValue<string>() == "alive")
            .Select(n => n!["id"]!.GetValue<string>())
            .Order(StringComparer.Ordinal);

    /// <summary>The nodes of <paramref name="backend"/>'s running replicas in <paramref name="status"/>.</summary>
    public static IReadOnlyList<string> RunningOn(JsonNode status, string backend) =>
        [.. status["backends"]![backend]!["replicas"]!.AsArray()
            .Where(r => r!["state"]!.GetValue<string>() == "running")
            .Select(r => r!["node"]!.GetValue<string>())];

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_nodes.Values.Select(n => n.DisposeAsync().AsTask()));
        _nodes.Clear();
    }
}
