namespace Switchyard.Runtime.Inference;

/// <summary>The calls of the Open Inference Protocol's REST API (CONTRACT section 12).</summary>
internal enum InferenceCallKind
{
    /// <summary><c>GET /v2</c>: server metadata.</summary>
    Server,

    /// <summary><c>GET /v2/health/live</c>.</summary>
    Live,

    /// <summary><c>GET /v2/health/ready</c>.</summary>
    Ready,

    /// <summary><c>GET /v2/models/{model}[/versions/{version}]</c>: model metadata.</summary>
    Model,

    /// <summary><c>GET /v2/models/{model}[/versions/{version}]/ready</c>.</summary>
    ModelReady,

    /// <summary><c>POST /v2/models/{model}[/versions/{version}]/infer</c>.</summary>
    Infer,
}
