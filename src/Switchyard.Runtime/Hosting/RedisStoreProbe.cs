using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Switchyard.Runtime.Control;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Hosting;

/// <summary>
/// This node's own link to the cluster's Redis, apart from Orleans' providers: before anything starts it must answer
/// (a node that cannot reach it exits naming it), then it logs each outage and its end, and answers the controller's
/// "is the store there?" for <c>/api/status</c> with a ping.
/// </summary>
internal sealed class RedisStoreProbe(ConfigurationOptions redis, ILogger<RedisStoreProbe> logger) : IStoreProbe, IHostedLifecycleService, IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReconnectEvery = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(1);

    private readonly string _endpoint = string.Join(", ", redis.EndPoints.Select(Describe));
    private ConnectionMultiplexer? _connection;
    private int _down;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var options = redis.Clone();
        options.ConnectTimeout = (int)ConnectTimeout.TotalMilliseconds;
        options.AbortOnConnectFail = true;

        // Back as soon as Redis is: the client's default waits longer and longer between attempts.
        options.ReconnectRetryPolicy = new LinearRetry((int)ReconnectEvery.TotalMilliseconds);
        try
        {
            _connection = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(ConnectTimeout + ConnectTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"cannot reach the cluster store: Redis at {_endpoint} did not answer ({FirstSentence(ex.Message)}); start it, or check --cluster");
        }

        _connection.ConnectionFailed += (_, e) =>
        {
            if (Interlocked.Exchange(ref _down, 1) == 0)
            {
                Log.StoreUnreachable(logger, _endpoint, e.Exception is { } failure ? FirstSentence(failure.Message) : e.FailureType.ToString());
            }
        };
        _connection.ConnectionRestored += (_, _) =>
        {
            if (Interlocked.Exchange(ref _down, 0) == 1)
            {
                Log.StoreReachable(logger, _endpoint);
            }
        };
    }

    public string? KnownProblem => _connection is { IsConnected: true } ? null : $"Redis at {_endpoint} is not connected";

    public async ValueTask<string?> CheckAsync(CancellationToken cancellationToken)
    {
        if (_connection is not { IsConnected: true } connection)
        {
            return KnownProblem;
        }

        try
        {
            await connection.GetDatabase().PingAsync().WaitAsync(PingTimeout, cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return $"Redis at {_endpoint} does not answer: {StoreError.Describe(ex)}";
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    private static string Describe(EndPoint endpoint) => endpoint switch
    {
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endpoint.ToString() ?? "?",
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.');
    }
}
