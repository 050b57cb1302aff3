using System.Net;

namespace Switchyard.EndToEnd.Tests;

/// <summary>A node of a Redis cluster while Redis is stopped (CONTRACT section 6: a rejected call changes nothing).</summary>
public sealed class StoreOutageTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task EveryKindOfAdminCall_RedisStopped_503NamingTheStoreNothingChangedAndResumesWhenBack()
    {
        var cluster = redis.NewClusterUrl();
        string[] args = ["--cluster", cluster, "--node-id", "n1"];
        await using (var node = await NodeProcess.StartAsync(extraArgs: args))
        {
            await StoreFaultCalls.DeployStartingPointAsync(node);

            await redis.StopAsync();
            await StoreFaultCalls.AssertEachRejectedAsync(node);

            // Still serving from its last routing table, so still in a load balancer's rotation: degraded, not unready.
            using (var health = await node.Http.GetAsync("-/healthz"))
            {
                var body = await health.Content.ReadAsStringAsync();
                Assert.True(health.StatusCode == HttpStatusCode.OK && body.Contains("degraded", StringComparison.Ordinal) && body.Contains("redis", StringComparison.Ordinal), $"{(int)health.StatusCode} {body}");
            }

            await redis.StartAsync();

            // Back without a restart: the first change accepted once the node has reconnected is the only one made.
            await Eventually.TrueAsync(
                async () =>
                {
                    using var after = await node.Admin.PostJsonAsync("api/endpoints", """{"name":"after","backend":"spare","route":"/after"}""");
                    Assert.True(after.StatusCode is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable, await after.Content.ReadAsStringAsync());
                    return after.StatusCode == HttpStatusCode.Created;
                },
                "an admin call accepted once Redis is back",
                seconds: 90);
            await StoreFaultCalls.AssertOnlyTheLaterChangeAsync(node);
            await node.KillAsync();
        }

        // What Redis holds is what the node said: a fresh node of the cluster reads exactly that.
        await using var again = await NodeProcess.StartAsync(extraArgs: args);
        await StoreFaultCalls.AssertOnlyTheLaterChangeAsync(again);
    }
}
