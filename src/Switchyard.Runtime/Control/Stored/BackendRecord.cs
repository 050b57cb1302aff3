namespace Switchyard.Runtime.Control.Stored;

/// <summary>A backend's desired state and the replicas the controller has created for it.</summary>
[GenerateSerializer, Alias("switchyard.BackendRecord")]
internal sealed class BackendRecord
{
    [Id(0)] public required BackendSpec Spec { get; set; }

    /// <summary>Bumped when the class, init args or resources change: replicas of older generations are replaced.</summary>
    [Id(1)] public int Generation { get; set; }

    /// <summary>Replicas created and not yet stopped, so a new controller activation adopts them.</summary>
    [Id(2)] public List<ReplicaRecord> Replicas { get; set; } = [];

    /// <summary>The autoscaler's replica count while the config autoscales (added after the first release: absent in older state).</summary>
    [Id(3)] public int? AutoscaleTarget { get; set; }
}
