using Switchyard.Runtime.Control.Loops;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Control;

internal sealed partial class ControllerGrain
{
    /// <summary>
    /// Asks every live, starting or draining replica and every retired one for its state, all at once, and applies
    /// what <see cref="HealthJudge"/> makes of the answers. Removing entries of replicas that are gone changes the
    /// desired state, so it is stored first; statuses are memory only.
    /// </summary>
    private async Task HealthCheckAsync(CancellationToken cancellationToken)
    {
        var checks = new List<(string Backend, ReplicaEntry Entry, Task<HealthAnswer> Answer)>();
        foreach (var (name, backend) in _desired.Backends)
        {
            foreach (var entry in backend.Replicas.Where(e => HealthJudge.NeedsCheck(e, StatusOf(e.Tag))))
            {
                checks.Add((name, entry, _replicas.GetStateAsync(entry.Tag, cancellationToken)));
            }
        }

        var retired = _retired.Keys.Select(tag => (Tag: tag, Answer: _replicas.GetStateAsync(tag, cancellationToken))).ToList();
        if (checks.Count == 0 && retired.Count == 0)
        {
            return;
        }

        await Task.WhenAll(checks.Select(c => c.Answer).Concat(retired.Select(r => r.Answer)));
        NoteAnswers(checks.Select(c => (c.Entry.NodeId, c.Answer.Result)));
        foreach (var (tag, answer) in retired)
        {
            switch (HealthJudge.JudgeRetired(answer.Result))
            {
                case RetiredVerdict.Gone:
                    Forget(tag);
                    break;
                case RetiredVerdict.DrainAgain:
                    _replicas.Drain(tag);
                    break;
            }
        }

        var changed = false;
        var next = _desired;
        var gone = new List<string>();
        foreach (var (name, entry, answer) in checks)
        {
            if (!next.Backends.TryGetValue(name, out var backend) || backend.Find(entry.Tag) is null)
            {
                continue;
            }

            var status = StatusOf(entry.Tag);
            if (HealthJudge.Judge(entry, status, answer.Result, _time) is not { } judged)
            {
                next = next.WithBackend(name, backend.WithoutReplica(entry.Tag));
                gone.Add(entry.Tag);
                continue;
            }

            if (!ReferenceEquals(judged, status))
            {
                if (judged.State == ReplicaState.Failed && judged.Reason != status.Reason)
                {
                    Log.ReplicaFailed(_logger, entry.Tag, entry.NodeId ?? "(none)", judged.Reason!, judged.RetryAt == 0 ? 0 : FailureBackoff.Delay(judged.Failures).TotalSeconds);
                }

                _statuses[entry.Tag] = judged;
                changed = true;
            }
        }

        if (gone.Count > 0 && await StoreAsync(next) is null)
        {
            gone.ForEach(tag => _statuses.Remove(tag));
            changed = true;
        }

        if (changed)
        {
            Publish();
            NotifyReplicasChanged();
        }
    }

    /// <summary>Nodes whose replicas did not answer become suspect (nothing new goes there); an answer clears them.</summary>
    private void NoteAnswers(IEnumerable<(string? NodeId, HealthAnswer Answer)> answers)
    {
        var cluster = _membership.Snapshot();
        foreach (var (nodeId, answer) in answers)
        {
            if (nodeId is not null && cluster.Nodes.FirstOrDefault(n => n.NodeId == nodeId) is { } node)
            {
                if (answer.Answered)
                {
                    _suspects.Clear(node.Address);
                }
                else
                {
                    _suspects.Suspect(node.Address);
                }
            }
        }
    }
}
