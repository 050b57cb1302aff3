namespace Switchyard.TestBackends;

/// <summary>Counts the requests it handles; <c>?count=1</c> answers the count instead (not counted).</summary>
public sealed class Recorder : IBackend
{
    private int _count;

    public ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken) =>
        request.Query.ContainsKey("count")
            ? ValueTask.FromResult<object?>(Volatile.Read(ref _count).ToString(System.Globalization.CultureInfo.InvariantCulture))
            : ValueTask.FromResult<object?>(Interlocked.Increment(ref _count).ToString(System.Globalization.CultureInfo.InvariantCulture));
}
