using Switchyard.Runtime.Replicas;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Replicas;

/// <summary>A replica's model metadata crosses nodes through Orleans' serializer (the contract types through its JSON codec).</summary>
public sealed class ReplicaModelTests
{
    [Fact]
    public void Serializer_RoundTrip_KeepsEveryTensorsNameDatatypeAndShape()
    {
        var model = new ReplicaModel
        {
            Running = true,
            Metadata = new ModelMetadata(
                [new TensorMetadata("tokens", TensorDataType.Int64, [-1, -1]), new TensorMetadata("mask", TensorDataType.Fp32, [-1, -1])],
                [new TensorMetadata("label", TensorDataType.Int64, [-1])],
                "onnxruntime_onnx"),
        };

        var back = NodeSerializer.RoundTrip(model);

        Assert.True(back.Running);
        Assert.Equal("onnxruntime_onnx", back.Metadata!.Platform);
        Assert.Equal(model.Metadata!.Inputs.Select(i => (i.Name, i.DataType, string.Join(",", i.Shape))), back.Metadata.Inputs.Select(i => (i.Name, i.DataType, string.Join(",", i.Shape))));
        Assert.Equal(("label", TensorDataType.Int64), (back.Metadata.Outputs[0].Name, back.Metadata.Outputs[0].DataType));
    }
}
