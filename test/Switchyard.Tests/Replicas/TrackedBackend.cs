namespace Switchyard.Tests.Replicas;

/// <summary>
/// A backend that counts its disposals and can hold its calls at a gate, so a test sees exactly what a replica
/// did with it. <see cref="ThrowOnDispose"/> makes Dispose fail after counting.
/// </summary>
internal sealed class TrackedBackend : IBackend, IDisposable
{
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposals;
    private int _calls;

    public TaskCompletionSource? Gate { get; set; }

    public bool ThrowOnDispose { get; init; }

    public int Disposals => Volatile.Read(ref _disposals);

    public int Calls => Volatile.Read(ref _calls);

    public Task Disposed => _disposed.Task;

    public async ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return "ok";
    }

    public void Dispose()
    {
        Interlocked.Increment(ref _disposals);
        _disposed.TrySetResult();
        if (ThrowOnDispose)
        {
            throw new InvalidOperationException("dispose failed");
        }
    }
}
