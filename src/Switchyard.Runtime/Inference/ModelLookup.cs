namespace Switchyard.Runtime.Inference;

/// <summary>What asking a backend's replicas for its model found.</summary>
/// <param name="Running">False when no replica of the backend is running to ask.</param>
/// <param name="Metadata">The model's metadata; null when the backend does not take tensors.</param>
internal readonly record struct ModelLookup(bool Running, ModelMetadata? Metadata);
