namespace Switchyard;

/// <summary>
/// A backend that takes tensors in and gives tensors out, so it serves the Open Inference Protocol
/// (<c>POST /v2/models/{model}/infer</c>) and <see cref="ServeHandle.InferAsync"/>. It is also an
/// <see cref="IBackend"/> or <see cref="IBatchBackend"/>: the runtime decodes each protocol request, checks it
/// against <see cref="Metadata"/> (input names, datatypes, ranks, fixed dimensions, requested outputs), and hands
/// it over in <see cref="ServeRequest.Inference"/>; the backend answers such a request with an
/// <see cref="InferenceResponse"/>, which the runtime encodes (JSON or binary, as the caller asked).
/// </summary>
public interface IInferenceBackend
{
    /// <summary>The backend's inputs and outputs; fixed for the life of the instance.</summary>
    ModelMetadata Metadata { get; }
}
