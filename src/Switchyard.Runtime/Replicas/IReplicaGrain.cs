namespace Switchyard.Runtime.Replicas;

/// <summary>One replica of a backend: owns the backend instance, its batch queue and its concurrency limit.</summary>
[Alias("switchyard.IReplicaGrain")]
internal interface IReplicaGrain : IGrainWithStringKey
{
    /// <summary>Starts building the backend; the outcome reaches the controller as a <see cref="ReplicaReport"/>.</summary>
    [Alias("Start")]
    Task StartAsync(ReplicaSpec spec, CancellationToken cancellationToken);

    /// <summary>Handles one request (queued, batched and limited by the replica's config).</summary>
    [Alias("Invoke")]
    ValueTask<ReplicaResponse> InvokeAsync(ReplicaRequest request, CancellationToken cancellationToken);

    /// <summary>Applies a new config without restarting (batching, limits, user_config).</summary>
    [Alias("Reconfigure")]
    Task ReconfigureAsync(BackendConfig config, CancellationToken cancellationToken);

    /// <summary>Stops taking new work once routers have moved on, finishes what is in flight, then stops.</summary>
    [Alias("Drain")]
    Task DrainAsync(CancellationToken cancellationToken);

    /// <summary>The backend's inputs and outputs when it runs and is an <see cref="IInferenceBackend"/>.</summary>
    [Alias("GetModel")]
    Task<ReplicaModel> GetModelAsync(CancellationToken cancellationToken);

    /// <summary>The replica's own view of its state (null when it was never started in this activation).</summary>
    [Alias("GetState")]
    Task<ReplicaState?> GetStateAsync(CancellationToken cancellationToken);
}
