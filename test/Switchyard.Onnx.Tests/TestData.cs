using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Switchyard.Onnx.Tests;

/// <summary>Models, contexts, requests and the held-out digits shared by the tests.</summary>
internal static class TestData
{
    public const string Digits = "digits.onnx";
    public const string Tokens = "digits_tokens.onnx";
    public const string Bench = "mlp_bench.onnx";
    public const string AllTypes = "fixtures/all_types.onnx";
    public const string FixedBatch = "fixtures/fixed_batch.onnx";
    public const string SequenceOutput = "fixtures/sequence_output.onnx";
    public const string RowSums = "fixtures/row_sums.onnx";

    /// <summary>The held-out scikit-learn digits (models/digits_test.csv): label and 64 pixel values 0..16.</summary>
    public static IReadOnlyList<(int Label, float[] Pixels)> HeldOut { get; } = LoadHeldOut();

    /// <summary>The path of a file copied from models/ next to the test assembly (see the csproj's Content item).</summary>
    public static string Model(string fileName) => Path.Combine(AppContext.BaseDirectory, "models", fileName);

    public static ReplicaContext Context(double numCpus = 1, IReadOnlyList<int>? gpuIds = null) => new()
    {
        BackendTag = "onnx-test",
        ReplicaTag = "onnx-test#1",
        NodeId = "test-node",
        NumCpus = numCpus,
        GpuIds = gpuIds ?? [],
    };

    public static OnnxBackend Backend(string fileName, IReadOnlyList<string>? outputs = null, bool warmup = false) =>
        new(Context(), Model(fileName), outputs: outputs, warmup: warmup);

    public static ServeRequest Request(string body) => new("POST", "/", Encoding.UTF8.GetBytes(body));

    public static ServeRequest Request<T>(T value) => new("POST", "/", JsonSerializer.SerializeToUtf8Bytes(value));

    public static ServeRequest Infer(params InferenceTensor[] inputs) => ServeRequest.ForInference(new InferenceRequest(inputs));

    /// <summary>Rows of held-out images as one [rows, 1, 8, 8] tensor named <c>image</c>.</summary>
    public static InferenceTensor Images(int first, int rows) =>
        InferenceTensor.Create("image", [rows, 1, 8, 8], HeldOut.Skip(first).Take(rows).SelectMany(d => d.Pixels).ToArray());

    /// <summary>Deterministic pseudo-random rows in [-1, 1) (a seeded <see cref="Random"/> repeats across runs).</summary>
    public static float[] RandomValues(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
    }

    private static List<(int, float[])> LoadHeldOut() =>
        File.ReadLines(Model("digits_test.csv"))
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .Select(values => (values[0], values[1..].Select(v => (float)v).ToArray()))
            .ToList();
}
