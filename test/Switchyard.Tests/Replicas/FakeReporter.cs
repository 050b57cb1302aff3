using System.Collections.Concurrent;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Tests.Replicas;

/// <summary>Keeps a replica's reports and lets a test wait for one (bounded, naming what it waited for).</summary>
internal sealed class FakeReporter : IReplicaReporter
{
    private readonly ConcurrentQueue<ReplicaReport> _reports = new();
    private readonly ConcurrentDictionary<ReplicaState, TaskCompletionSource<ReplicaReport>> _first = new();

    public IReadOnlyList<ReplicaReport> Reports => [.. _reports];

    public Task ReportAsync(ReplicaReport report, CancellationToken cancellationToken)
    {
        _reports.Enqueue(report);
        Signal(report.State).TrySetResult(report);
        return Task.CompletedTask;
    }

    public async Task<ReplicaReport> WaitForAsync(ReplicaState state)
    {
        try
        {
            return await Signal(state).Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no '{state}' report within 10 s; reports: {string.Join(", ", _reports.Select(r => r.State))}");
            throw;
        }
    }

    private TaskCompletionSource<ReplicaReport> Signal(ReplicaState state) =>
        _first.GetOrAdd(state, _ => new TaskCompletionSource<ReplicaReport>(TaskCreationOptions.RunContinuationsAsynchronously));
}
