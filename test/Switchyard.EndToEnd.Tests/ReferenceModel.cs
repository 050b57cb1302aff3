using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Switchyard.EndToEnd.Tests;

/// <summary>ONNX Runtime called directly on the committed models: what every answer over HTTP is compared with.</summary>
public static class ReferenceModel
{
    // One session per model for the whole run: loading mlp_bench.onnx per call would cost more than the calls.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, InferenceSession> Sessions = new(StringComparer.Ordinal);

    /// <summary>The held-out scikit-learn digits (models/digits_test.csv): label and 64 pixel values 0..16.</summary>
    public static IReadOnlyList<(int Label, float[] Pixels)> HeldOut { get; } =
        File.ReadLines(Oip.ModelPath("digits_test.csv"))
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .Select(values => (values[0], values[1..].Select(v => (float)v).ToArray()))
            .ToList();

    /// <summary>Runs <paramref name="model"/> once on float32 or int64 inputs; every output as doubles, by name.</summary>
    public static Dictionary<string, (long[] Shape, double[] Values)> Run(string model, params (string Name, long[] Shape, Array Data)[] inputs)
    {
        var session = Sessions.GetOrAdd(model, m => new InferenceSession(Oip.ModelPath(m)));
        var values = inputs.Select(i => i.Data switch
        {
            float[] f => OrtValue.CreateTensorValueFromMemory(f, i.Shape),
            long[] l => OrtValue.CreateTensorValueFromMemory(l, i.Shape),
            _ => throw new NotSupportedException(i.Data.GetType().Name),
        }).ToArray();
        try
        {
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, inputs.Select(i => i.Name).ToArray(), values, session.OutputNames);
            var result = new Dictionary<string, (long[], double[])>();
            for (var o = 0; o < outputs.Count; o++)
            {
                var info = outputs[o].GetTensorTypeAndShape();
                result[session.OutputNames[o]] = (info.Shape, info.ElementDataType switch
                {
                    TensorElementType.Float => outputs[o].GetTensorDataAsSpan<float>().ToArray().Select(v => (double)v).ToArray(),
                    TensorElementType.Int64 => outputs[o].GetTensorDataAsSpan<long>().ToArray().Select(v => (double)v).ToArray(),
                    var other => throw new NotSupportedException(other.ToString()),
                });
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

    public static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, string what, double tolerance = 1e-5)
    {
        Assert.True(expected.Count == actual.Count, $"{what}: {actual.Count} values, expected {expected.Count}");
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }
}
