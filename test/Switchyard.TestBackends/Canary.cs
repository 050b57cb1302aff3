using System.Text.Json;

namespace Switchyard.TestBackends;

/// <summary>
/// A version of a model for autoscaling and rollout tests: answers its <c>version</c> after <c>delay_ms</c>, and with
/// <c>fail_every</c> = N fails every Nth call with a 500 (5 fails 20%), all from <c>user_config</c>, switchable live.
/// </summary>
public sealed class Canary(ReplicaContext context) : IBackend, IReconfigurable
{
    private volatile Settings _settings = new(context.BackendTag, 0, 0);
    private long _calls;

    public async ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken)
    {
        var settings = _settings;
        if (settings.DelayMs > 0)
        {
            await Task.Delay(settings.DelayMs, cancellationToken);
        }

        if (settings.FailEvery > 0 && Interlocked.Increment(ref _calls) % settings.FailEvery == 0)
        {
            throw new InvalidOperationException($"{settings.Version} failed on purpose");
        }

        return settings.Version;
    }

    public ValueTask ReconfigureAsync(JsonElement userConfig, CancellationToken cancellationToken)
    {
        var settings = new Settings(context.BackendTag, 0, 0);
        if (userConfig.ValueKind == JsonValueKind.Object)
        {
            settings = new Settings(
                userConfig.TryGetProperty("version", out var version) ? version.GetString()! : context.BackendTag,
                userConfig.TryGetProperty("delay_ms", out var delay) ? delay.GetInt32() : 0,
                userConfig.TryGetProperty("fail_every", out var failEvery) ? failEvery.GetInt32() : 0);
        }

        _settings = settings;
        return ValueTask.CompletedTask;
    }

    private sealed record Settings(string Version, int DelayMs, int FailEvery);
}
