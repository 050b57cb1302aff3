using System.Globalization;

namespace Switchyard.TestBackends;

/// <summary>Waits <c>?ms=N</c> milliseconds (default: the <c>delay_ms</c> init arg, 200) before answering with its replica tag.</summary>
public sealed class Slow(ReplicaContext context, int delay_ms = 200) : IBackend
{
    public async ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken)
    {
        var ms = request.Query.TryGetValue("ms", out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : delay_ms;
        await Task.Delay(ms, cancellationToken);
        return context.ReplicaTag;
    }
}
