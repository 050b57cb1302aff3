namespace Switchyard.Runtime.Replicas;

/// <summary>The life of a replica as the controller tracks it.</summary>
[GenerateSerializer]
internal enum ReplicaState
{
    Starting,
    Running,
    Pending,
    Draining,
    Failed,
    Stopped,
}
