namespace Switchyard.Runtime.Replicas;

/// <summary>What a replica says about its model: whether it runs, and its metadata when it takes tensors.</summary>
[GenerateSerializer, Immutable, Alias("switchyard.ReplicaModel")]
internal sealed class ReplicaModel
{
    public static readonly ReplicaModel NotRunning = new() { Running = false };

    [Id(0)] public bool Running { get; init; }

    /// <summary>Null when the backend is not an <see cref="IInferenceBackend"/>.</summary>
    [Id(1)] public ModelMetadata? Metadata { get; init; }
}
