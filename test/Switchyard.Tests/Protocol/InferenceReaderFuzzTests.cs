using System.Text;
using Switchyard.Protocol;

namespace Switchyard.Tests.Protocol;

/// <summary>
/// The protocol decoder against bodies an attacker would send: valid messages of every kind, mutated byte by byte
/// and token by token with fixed seeds (so a failure names the seed and replays). Whatever arrives, the decoder
/// answers a problem or a request, never throws, allocates in proportion to what was sent rather than to what a
/// message declares, and what it accepts survives a round trip through the writer unchanged.
/// </summary>
public sealed class InferenceReaderFuzzTests
{
    private const int MutationsPerSeed = 1500;

    /// <summary>
    /// What decoding may allocate: a bounded factor of the body (a JSON number of 2 bytes widens to an 8-byte
    /// element; a parameter keeps its bytes and its document rows), plus a constant.
    /// </summary>
    private const long AllocationFactor = 8;
    private const long AllocationConstant = 1 << 20;

    /// <summary>
    /// What the parameters' documents may take beyond their bytes, however dense their tokens: 12 bytes a row for at
    /// most <see cref="OipLimits.MaxParameterTokens"/> rows, grown by doubling in pooled buffers while parsed.
    /// </summary>
    private const long ParameterRowsAllowance = 4L * 12 * OipLimits.MaxParameterTokens;

    private static readonly string[] Datatypes = ["BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP16", "FP32", "FP64", "BYTES", "BF16", "NOPE", ""];

    private static readonly string[] Extremes =
        ["-1", "0", "1", "2147483647", "2147483648", "4294967296", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
         "18446744073709551616", "1e308", "1e309", "-0", "0.5", "NaN", "\"3\"", "null", "true", "[]", "{}", "[[]]", "\"\""];

    private static readonly byte[] Specials = "[]{}\",:-0123456789e.\\ tfn\0\xff"u8.ToArray();

    /// <summary>What the mutations insert: datatypes (right, wrong and unknown) and numbers at every edge.</summary>
    private static readonly string[] Tokens = [.. Datatypes, .. Extremes];

    public static TheoryData<string> Seeds() => new(SeedMessages.Keys);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TryReadRequest_MutatedBodies_ProblemOrRequestNeverThrowsBoundedAllocation(string seedName)
    {
        var (seed, headerLength) = SeedMessages[seedName];
        var random = new Random(StableHash(seedName));
        var mutations = new BodyMutations(StableHash(seedName), Tokens, Specials);
        var accepted = 0;
        for (var i = 0; i < MutationsPerSeed; i++)
        {
            var (body, length) = Mutate(mutations, seed, headerLength, random);
            var context = $"seed '{seedName}', mutation {i}: {Show(body, length)}";
            var before = GC.GetAllocatedBytesForCurrentThread();
            string? error;
            InferenceRequest? request;
            try
            {
                error = InferenceReader.TryReadRequest(body, length, out request);
            }
            catch (Exception ex)
            {
                Assert.Fail($"{context} threw {ex.GetType().Name}: {ex.Message}");
                return;
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated <= (AllocationFactor * body.Length) + AllocationConstant, $"{context} allocated {allocated} bytes for a {body.Length}-byte body");
            if (error is null)
            {
                Assert.NotNull(request);
                accepted++;
                AssertRoundTrips(request, context);
            }
            else
            {
                Assert.Null(request);
                Assert.False(string.IsNullOrWhiteSpace(error), context);
            }
        }

        // The mutations must not all be trivially broken: some keep a readable message, so the round trip is exercised.
        Assert.True(accepted > 0, $"seed '{seedName}': none of {MutationsPerSeed} mutations was accepted");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TryReadResponse_MutatedBodies_ProblemOrResponseNeverThrows(string seedName)
    {
        var (seed, headerLength) = SeedMessages[seedName];
        var asResponse = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(seed, 0, headerLength ?? seed.Length).Replace("\"inputs\"", "\"outputs\"", StringComparison.Ordinal));
        var body = headerLength is { } h ? [.. asResponse, .. seed.AsSpan(h)] : asResponse;
        var random = new Random(StableHash(seedName) ^ 0x5EED);
        var mutations = new BodyMutations(StableHash(seedName) ^ 0x5EED, Tokens, Specials);
        for (var i = 0; i < MutationsPerSeed; i++)
        {
            var (mutated, length) = Mutate(mutations, body, headerLength is null ? null : asResponse.Length, random);
            try
            {
                var error = InferenceReader.TryReadResponse(mutated, length, out var response);
                Assert.True((error is null) != (response is null), $"seed '{seedName}', mutation {i}: a problem or a response, not both");
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"seed '{seedName}', mutation {i}: {Show(mutated, length)} threw {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    /// <summary>
    /// Bodies built to make decoding cost far more than they weigh: past a count limit they are refused, naming it;
    /// at the limits they are read, allocating within the same factor as every mutation above, plus what the
    /// parameters' rows may take in all. (One JSON document per parameter value once kept about 25 times such a body.)
    /// </summary>
    [Theory]
    [InlineData("many-parameters", "parameters has more than 1024 parameters")]
    [InlineData("many-empty-inputs", "\"inputs\" has more than 1024 tensors")]
    [InlineData("many-requested-outputs", "\"outputs\" asks for more than 1024 outputs")]
    [InlineData("many-tensor-parameters", "inputs[0].parameters has more than 1024 parameters")]
    [InlineData("dense-parameter-values", "the message's parameters hold more than 65536 JSON tokens")]
    [InlineData("parameters-in-every-tensor", "the message's parameters hold more than 65536 JSON tokens")]
    [InlineData("inputs-and-parameters-at-the-limits", null)]
    [InlineData("outputs-and-parameters-at-the-limits", null)]
    [InlineData("dense-parameter-values-at-the-limit", null)]
    [InlineData("long-fp64-data", null)]
    public void TryReadRequest_HostileBodies_RefusedNamingTheLimitOrBoundedAllocation(string kind, string? expected)
    {
        var body = Encoding.UTF8.GetBytes(HostileBody(kind));
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = InferenceReader.TryReadRequest(body, null, out var request);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= (AllocationFactor * body.Length) + AllocationConstant + ParameterRowsAllowance, $"{kind}: allocated {allocated} bytes ({(double)allocated / body.Length:F1}×) for a {body.Length}-byte body");
        if (expected is null)
        {
            Assert.True(error is null, error);
            Assert.NotNull(request);
        }
        else
        {
            Assert.Equal(expected, error);
        }
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("999999999999")]
    [InlineData("abc")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("0x10")]
    [InlineData("2147483648")]
    public void TryParseHeaderLength_HostileValues_ProblemNamingTheHeader(string value)
    {
        var error = InferenceReader.TryParseHeaderLength(value, 100, out var length);

        Assert.Null(length);
        Assert.Contains(OipLimits.HeaderLengthHeader, error, StringComparison.Ordinal);
    }

    private static string HostileBody(string kind)
    {
        const int Over = 200_000; // far past every count limit
        static string Parameters(int count, string value) => "{" + string.Join(",", Enumerable.Range(0, count).Select(i => $"\"p{i:x6}\":{value}")) + "}";
        static string Inputs(int count, string parameters) =>
            "[" + string.Join(",", Enumerable.Range(0, count).Select(i => $$"""{"name":"x{{i}}","datatype":"BOOL","shape":[0],"data":[],"parameters":{{parameters}}}""")) + "]";
        return kind switch
        {
            "many-parameters" => $$"""{"parameters":{{Parameters(Over, "0")}},"inputs":[]}""",
            "many-empty-inputs" => $$"""{"inputs":[{{string.Join(",", Enumerable.Repeat("{}", Over))}}]}""",
            "many-requested-outputs" => $$"""{"inputs":[],"outputs":[{{string.Join(",", Enumerable.Range(0, Over).Select(i => $$"""{"name":"y{{i}}"}"""))}}]}""",
            "many-tensor-parameters" => $$"""{"inputs":[{"parameters":{{Parameters(Over, "0")}}}]}""",
            "dense-parameter-values" => $$"""{"parameters":{"p":[{{string.Join(",", Enumerable.Repeat("[[0]]", Over))}}]},"inputs":[]}""",
            "parameters-in-every-tensor" => $$"""{"inputs":{{Inputs(OipLimits.MaxTensors, Parameters(OipLimits.MaxParameters, "0"))}}}""",

            // 1,024 top-level parameters and 1,024 inputs of 30 each: 64,513 tokens, just within the budget.
            "inputs-and-parameters-at-the-limits" => $$"""{"parameters":{{Parameters(OipLimits.MaxParameters, "0")}},"inputs":{{Inputs(OipLimits.MaxTensors, Parameters(30, "0"))}}}""",
            "outputs-and-parameters-at-the-limits" =>
                $$"""{"inputs":[],"outputs":[{{string.Join(",", Enumerable.Range(0, OipLimits.MaxTensors).Select(i => $$"""{"name":"y{{i}}","parameters":{{Parameters(31, "true")}}}"""))}}]}""",
            "dense-parameter-values-at-the-limit" => $$"""{"parameters":{"p":[{{string.Join(",", Enumerable.Repeat("[[0]]", 13_000))}}]},"inputs":[]}""",
            _ => $$"""{"inputs":[{"name":"x","datatype":"FP64","shape":[{{Over * 10}}],"data":[{{string.Join(",", Enumerable.Repeat("0", Over * 10))}}]}]}""",
        };
    }

    private static void AssertRoundTrips(InferenceRequest request, string context)
    {
        var encoded = InferenceWriter.WriteRequest(request);
        var error = InferenceReader.TryReadRequest(encoded.Body, encoded.HeaderLength, out var again);
        Assert.True(error is null, $"{context}: the writer's form of an accepted request was refused: {error}");
        Assert.Equal(request.Inputs.Count, again!.Inputs.Count);
        for (var t = 0; t < request.Inputs.Count; t++)
        {
            var (a, b) = (request.Inputs[t], again.Inputs[t]);
            Assert.Equal(a.Name, b.Name);
            Assert.Equal(a.DataType, b.DataType);
            Assert.Equal(a.Shape, b.Shape);
            var same = a.DataType == TensorDataType.Bytes
                ? a.AsBytes().Count == b.AsBytes().Count && a.AsBytes().Zip(b.AsBytes()).All(p => p.First.AsSpan().SequenceEqual(p.Second))
                : a.RawBytes().SequenceEqual(b.RawBytes());
            Assert.True(same, $"{context}: tensor '{a.Name}' changed in a round trip");
        }
    }

    /// <summary>
    /// One to three mutations of <paramref name="seed"/>; a binary message keeps its header length, moved with the
    /// edits inside it, except that one time in seven the header lies about it.
    /// </summary>
    private static (byte[] Body, int? HeaderLength) Mutate(BodyMutations mutations, byte[] seed, int? headerLength, Random random)
    {
        var (body, length) = mutations.Mutate(seed, headerLength);
        return (body, length is not null && random.Next(7) == 0 ? random.Next(body.Length + 1) : length);
    }

    private static string Show(byte[] body, int? length)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300));
        return $"header length {length?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, body {text}";
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }

    private static readonly Dictionary<string, (byte[] Body, int? HeaderLength)> SeedMessages = new(StringComparer.Ordinal)
    {
        ["flat-fp32"] = (OipMessages.Json("""{"id":"r1","inputs":[{"name":"x","datatype":"FP32","shape":[2,3],"data":[1,2,3,4,5,6.5]}]}"""), null),
        ["nested-int64"] = (OipMessages.Json("""{"inputs":[{"name":"x","datatype":"INT64","shape":[2,2],"data":[[1,2],[3,-4]]}],"outputs":[{"name":"y"}]}"""), null),
        ["bytes-bool"] = (OipMessages.Json("""{"inputs":[{"name":"s","datatype":"BYTES","shape":[2],"data":["a","\u00e9t\u00e9"]},{"name":"b","datatype":"BOOL","shape":[2],"data":[true,false]}]}"""), null),
        ["fp16-params"] = (OipMessages.Json("""{"inputs":[{"name":"h","datatype":"FP16","shape":[1,2],"data":[0.5,-2],"parameters":{"content_type":"np"}}],"parameters":{"binary_data_output":true,"n":[1,{"k":null}]}}"""), null),
        ["binary-fp32"] = OipMessages.Binary("""{"inputs":[{"name":"x","datatype":"FP32","shape":[3],"parameters":{"binary_data_size":12}}]}""", OipMessages.Floats(1f, 2f, 3f)),
        ["binary-bytes-mixed"] = OipMessages.Binary(
            """{"inputs":[{"name":"s","datatype":"BYTES","shape":[2],"parameters":{"binary_data_size":13}},{"name":"u","datatype":"UINT8","shape":[2],"data":[0,255]}]}""",
            OipMessages.Strings("ab", "cde")),
    };
}
