using Orleans.Configuration;
using Switchyard.TestBackends;

namespace Switchyard.Tests.Cluster;

/// <summary>A call that outlives Orleans' response timeout (no request_timeout_s set): one 504, run once, never retried.</summary>
public sealed class ReplicaTimeoutClusterTests
{
    [Fact]
    public async Task HandleCall_PastTheResponseTimeout_504OnceAndTheBackendRanOnce()
    {
        using var folder = new Folder(Directory.CreateTempSubdirectory("switchyard-journal-").FullName);
        var path = Path.Combine(folder.Path, "journal.log");
        await using var cluster = await SwitchyardCluster.StartAsync(
            1,
            silo => silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5)),
            SwitchyardCluster.Node("a"));
        var client = cluster.ClientOn(0);
        var initArgs = System.Text.Json.JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["journal"] = path, ["call_delay_ms"] = 30000 });
        await client.CreateBackendAsync("slow", new BackendSpec { Class = nameof(Journaled), InitArgs = initArgs, Config = new BackendConfig { NumReplicas = 2 } });
        await client.CreateEndpointAsync("slow", "slow");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<ServeException>(() => client.GetHandle("slow").CallAsync<string>("x"));
        Assert.Equal(504, failure.StatusCode);
        Assert.Equal("Backend 'slow' did not answer in time.", failure.Message);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(4.9), $"answered after {clock.Elapsed}, before the response timeout");
        Assert.DoesNotContain(Lines(path), l => l.StartsWith("answered ", StringComparison.Ordinal)); // while the call still ran

        // Cancelled in the replica when Orleans gave up, and not run again elsewhere.
        await Eventually.TrueAsync(() => Lines(path).Any(l => l.StartsWith("cancelled ", StringComparison.Ordinal)), "the replica's call to be cancelled");
        Assert.Single(Lines(path), l => l.StartsWith("call ", StringComparison.Ordinal));
    }

    private static string[] Lines(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private sealed class Folder(string path) : IDisposable
    {
        public string Path { get; } = path;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
