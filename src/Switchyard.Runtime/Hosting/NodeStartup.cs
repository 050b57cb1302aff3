namespace Switchyard.Runtime.Hosting;

/// <summary>
/// Whether this node has finished starting: it holds a routing table, the <c>--config</c> file (if any) is applied
/// and its routes are in this node's snapshot, and every readiness check passes. Until then <c>/-/healthz</c> says
/// 503. A file that cannot be applied fails the start with one line naming every problem.
/// </summary>
internal sealed class NodeStartup
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the node is ready; faults with a <see cref="NodeStartupException"/> when it cannot be.</summary>
    public Task Completion => _done.Task;

    public bool IsComplete => _done.Task.IsCompletedSuccessfully;

    /// <summary>What the node is waiting for (shown by <c>/-/healthz</c> while it is not ready).</summary>
    public string Waiting { get; private set; } = "the node is starting";

    public void WaitingFor(string what) => Waiting = what;

    public void Complete() => _done.TrySetResult();

    public void Fail(string problem) => _done.TrySetException(new NodeStartupException(problem));
}
