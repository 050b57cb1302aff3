using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Switchyard.Onnx.Tests;

/// <summary>ONNX Runtime called directly, the reference every answer of the backend is compared with.</summary>
internal static class DirectOnnx
{
    /// <summary>Runs the model once on float32 or int64 inputs and returns every output as doubles, by name.</summary>
    public static Dictionary<string, (long[] Shape, double[] Values)> Run(string model, params (string Name, long[] Shape, Array Data)[] inputs)
    {
        using var session = new InferenceSession(model);
        var values = inputs.Select(i => i.Data switch
        {
            float[] f => OrtValue.CreateTensorValueFromMemory(f, i.Shape),
            long[] l => OrtValue.CreateTensorValueFromMemory(l, i.Shape),
            _ => throw new NotSupportedException(i.Data.GetType().Name),
        }).ToArray();
        try
        {
            using var outputs = session.Run(new RunOptions(), inputs.Select(i => i.Name).ToArray(), values, session.OutputNames);
            var result = new Dictionary<string, (long[], double[])>();
            for (var o = 0; o < outputs.Count; o++)
            {
                var info = outputs[o].GetTensorTypeAndShape();
                double[] data = info.ElementDataType switch
                {
                    TensorElementType.Float => outputs[o].GetTensorDataAsSpan<float>().ToArray().Select(v => (double)v).ToArray(),
                    TensorElementType.Int64 => outputs[o].GetTensorDataAsSpan<long>().ToArray().Select(v => (double)v).ToArray(),
                    _ => throw new NotSupportedException(info.ElementDataType.ToString()),
                };
                result[session.OutputNames[o]] = (info.Shape, data);
            }

            return result;
        }
        finally
        {
            foreach (var value in values)
            {
                value.Dispose();
            }
        }
    }
}
