using System.Globalization;

namespace Switchyard.TestBackends;

/// <summary>Waits <c>?ms=N</c> milliseconds (default 200) before answering with its replica tag.</summary>
public sealed class Slow(ReplicaContext context) : IBackend
{
    public async ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken)
    {
        var ms = request.Query.TryGetValue("ms", out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : 200;
        await Task.Delay(ms, cancellationToken);
        return context.ReplicaTag;
    }
}
