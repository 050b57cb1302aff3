using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using Switchyard.Runtime.Cluster;

namespace Switchyard.Runtime.Hosting;

/// <summary>Cluster mode: ready while the cluster's Redis answers a ping. One connection, opened on first use.</summary>
internal sealed class RedisHealthCheck(ClusterTarget cluster) : IHealthCheck, IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private ConnectionMultiplexer? _connection;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await ConnectAsync(cancellationToken);
            var latency = await connection.GetDatabase().PingAsync().WaitAsync(Bound, cancellationToken);
            return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:0.#} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Redis at {cluster.Host}:{cluster.Port} does not answer", ex);
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } existing)
        {
            return existing;
        }

        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_connection is null)
            {
                var options = RedisConnection.Options(cluster); // the password and TLS of the URL, never its text
                options.AbortOnConnectFail = false; // keep retrying in the background; each check pings
                options.ConnectTimeout = (int)Bound.TotalMilliseconds;
                _connection = await ConnectionMultiplexer.ConnectAsync(options);
            }

            return _connection;
        }
        finally
        {
            _connecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            await connection.DisposeAsync();
        }

        _connecting.Dispose();
    }
}
