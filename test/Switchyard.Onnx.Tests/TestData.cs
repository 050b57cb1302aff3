using System.Text;
using System.Text.Json;

namespace Switchyard.Onnx.Tests;

/// <summary>Models, contexts and requests shared by the tests.</summary>
internal static class TestData
{
    public const string Digits = "digits.onnx";
    public const string Bench = "mlp_bench.onnx";

    /// <summary>The path of a model copied next to the test assembly (see the csproj's Content item).</summary>
    public static string Model(string fileName) => Path.Combine(AppContext.BaseDirectory, "models", fileName);

    public static ReplicaContext Context(double numCpus = 1) => new()
    {
        BackendTag = "onnx-test",
        ReplicaTag = "onnx-test#1",
        NodeId = "test-node",
        NumCpus = numCpus,
    };

    public static OnnxBackend Backend(string fileName, string? input = null, string? output = null) =>
        new(Context(), Model(fileName), input: input, output: output);

    public static ServeRequest Request(string body) => new("POST", "/", Encoding.UTF8.GetBytes(body));

    public static ServeRequest Request(float[] example) => new("POST", "/", JsonSerializer.SerializeToUtf8Bytes(example));

    /// <summary>Deterministic pseudo-random rows in [-1, 1) (a seeded <see cref="Random"/> repeats across runs).</summary>
    public static float[][] RandomRows(int count, int features, int seed)
    {
        var random = new Random(seed);
        var rows = new float[count][];
        for (var i = 0; i < count; i++)
        {
            rows[i] = new float[features];
            for (var j = 0; j < features; j++)
            {
                rows[i][j] = (float)((random.NextDouble() * 2) - 1);
            }
        }

        return rows;
    }
}
