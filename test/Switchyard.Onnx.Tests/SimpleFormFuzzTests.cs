using System.Text;
using System.Text.Json;
using Switchyard.Testing;

namespace Switchyard.Onnx.Tests;

/// <summary>
/// The ONNX endpoint's own JSON form against bodies an attacker would send: valid bodies for a one-input and a
/// two-input model, mutated byte by byte and token by token with fixed seeds. Every answer is the model's output
/// (200) or a problem naming what is wrong (400): never an exception, never a 500.
/// </summary>
public sealed class SimpleFormFuzzTests
{
    private const int Mutations = 600;

    private static readonly string[] Tokens =
        ["-1", "0", "1e39", "-1e39", "1.5", "2147483648", "9223372036854775808", "null", "true", "\"x\"", "[]", "{}", "[[]]", "\"\\ud800\"",
         "{\"inputs\":", "\"image\"", "\"tokens\"", "\"mask\"", "[[[[[[[[", "]]]]]]]]", ","];

    private static readonly byte[] Specials = "[]{}\",:-0123456789e.\\ tfn"u8.ToArray();

    public static TheoryData<string, string> Seeds()
    {
        var pixels = TestData.HeldOut[0].Pixels;
        var row = JsonSerializer.Serialize(pixels);
        var nested = JsonSerializer.Serialize(Enumerable.Range(0, 8).Select(r => pixels.Skip(r * 8).Take(8)));
        return new TheoryData<string, string>
        {
            { TestData.Digits, row },
            { TestData.Digits, $"[{row},{nested}]" },
            { TestData.Digits, "{\"inputs\": {\"image\": " + nested + "}}" },
            { TestData.Tokens, """{"inputs": {"tokens": [[3, 1, 4, 1], [5, 9, 2, 6]], "mask": [[1, 1, 1, 0], [1, 1, 0, 0]]}}""" },
        };
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task CallBatchAsync_MutatedBodies_OutputOr400NeverAnExceptionOr500(string model, string seed)
    {
        using var backend = TestData.Backend(model);
        var mutations = new BodyMutations(seed.Length * 31 + model.Length, Tokens, Specials);
        var body = Encoding.UTF8.GetBytes(seed);
        var answered = new Dictionary<int, int>();
        for (var batch = 0; batch < Mutations / 10; batch++)
        {
            // Ten mutated bodies per batch: a broken one must not spoil the others' answers either.
            var bodies = Enumerable.Range(0, 10).Select(_ => mutations.Mutate(body, minEdits: 0)).ToArray();
            IReadOnlyList<object?> results;
            try
            {
                results = await backend.CallBatchAsync([.. bodies.Select(b => new ServeRequest("POST", "/", b))], CancellationToken.None);
            }
            catch (Exception ex)
            {
                Assert.Fail($"batch {batch} of '{model}' threw {ex.GetType().Name}: {ex.Message}; bodies: {string.Join(" | ", bodies.Select(b => BodyMutations.Show(b)))}");
                return;
            }

            Assert.Equal(bodies.Length, results.Count);
            for (var i = 0; i < results.Count; i++)
            {
                var response = Assert.IsType<ServeResponse>(results[i]);
                Assert.True(response.StatusCode is 200 or 400, $"'{model}' answered {response.StatusCode} to {BodyMutations.Show(bodies[i])}: {Encoding.UTF8.GetString(response.Body.Span)}");
                answered[response.StatusCode] = answered.GetValueOrDefault(response.StatusCode) + 1;
            }
        }

        Assert.True(answered.GetValueOrDefault(200) > 0, $"no mutation of the seed kept a readable body ({string.Join(", ", answered)})");
        Assert.True(answered.GetValueOrDefault(400) > 0, "no mutation was refused");
    }

}
