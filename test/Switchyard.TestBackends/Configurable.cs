using System.Text.Json;

namespace Switchyard.TestBackends;

/// <summary>
/// Answers with its replica tag and the user_config it last received, to show live reconfiguration; a user_config
/// with <c>reconfigure_delay_s</c> makes taking it that slow.
/// </summary>
public sealed class Configurable(ReplicaContext context) : IBackend, IReconfigurable
{
    private volatile string _config = "null";
    private int _reconfigurations;

    public ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult<object?>(new { replica = context.ReplicaTag, config = JsonDocument.Parse(_config).RootElement, reconfigurations = _reconfigurations });

    public async ValueTask ReconfigureAsync(JsonElement userConfig, CancellationToken cancellationToken)
    {
        if (userConfig.ValueKind == JsonValueKind.Object && userConfig.TryGetProperty("reconfigure_delay_s", out var delay))
        {
            await Task.Delay(TimeSpan.FromSeconds(delay.GetDouble()), cancellationToken);
        }

        _config = userConfig.GetRawText();
        Interlocked.Increment(ref _reconfigurations);
    }
}
