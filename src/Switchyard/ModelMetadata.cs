namespace Switchyard;

/// <summary>What a tensor backend takes and gives: its inputs and outputs by name, datatype and shape.</summary>
public sealed class ModelMetadata
{
    /// <summary>Creates the metadata.</summary>
    /// <param name="inputs">Every input the backend needs, in its own order.</param>
    /// <param name="outputs">Every output it can return.</param>
    /// <param name="platform">The protocol's <c>platform</c> (e.g. <c>onnxruntime_onnx</c>); default <c>dotnet</c>.</param>
    public ModelMetadata(IReadOnlyList<TensorMetadata> inputs, IReadOnlyList<TensorMetadata> outputs, string platform = "dotnet")
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentException.ThrowIfNullOrWhiteSpace(platform);
        Inputs = inputs;
        Outputs = outputs;
        Platform = platform;
    }

    /// <summary>The inputs; every one must be given in each request.</summary>
    public IReadOnlyList<TensorMetadata> Inputs { get; }

    /// <summary>The outputs.</summary>
    public IReadOnlyList<TensorMetadata> Outputs { get; }

    /// <summary>The platform name reported by the model metadata call.</summary>
    public string Platform { get; }
}
