using System.Collections.Immutable;

namespace Switchyard.Runtime.Control.Model;

/// <summary>A backend as acknowledged, with the replicas the controller created for it (in creation order).</summary>
/// <param name="Spec">The backend's spec.</param>
/// <param name="Generation">Bumped when the class, init args or resources change: replicas of older generations are replaced.</param>
/// <param name="Replicas">Replicas created and not yet stopped, so a new controller activation adopts them.</param>
/// <param name="AutoscaleTarget">The autoscaler's replica count while the config has <c>autoscaling_config</c>; null otherwise.</param>
internal sealed record BackendState(BackendSpec Spec, int Generation, ImmutableList<ReplicaEntry> Replicas, int? AutoscaleTarget = null)
{
    public static BackendState New(BackendSpec spec) => new(spec, 0, [], AutoscaleTargets.Initial(null, spec.Config));

    /// <summary>How many replicas of the current generation should run: the autoscaler's target, else <c>num_replicas</c>.</summary>
    public int DesiredReplicas => AutoscaleTarget ?? Spec.Config.NumReplicas;

    /// <summary>This backend with a new spec, its autoscaling target carried over (and clamped) or set or cleared to match.</summary>
    public BackendState WithSpec(BackendSpec spec) => this with { Spec = spec, AutoscaleTarget = AutoscaleTargets.Initial(this, spec.Config) };

    public ReplicaEntry? Find(string tag) => Replicas.Find(r => r.Tag == tag);

    /// <summary>This backend with <paramref name="replica"/> in place of the entry with its tag, or added last.</summary>
    public BackendState WithReplica(ReplicaEntry replica)
    {
        var index = Replicas.FindIndex(r => r.Tag == replica.Tag);
        return this with { Replicas = index < 0 ? Replicas.Add(replica) : Replicas.SetItem(index, replica) };
    }

    public BackendState WithoutReplica(string tag) => this with { Replicas = Replicas.RemoveAll(r => r.Tag == tag) };
}
