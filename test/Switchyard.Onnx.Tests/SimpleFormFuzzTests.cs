using System.Text;
using System.Text.Json;

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
        var random = new Random(seed.Length * 31 + model.Length);
        var body = Encoding.UTF8.GetBytes(seed);
        var answered = new Dictionary<int, int>();
        for (var batch = 0; batch < Mutations / 10; batch++)
        {
            // Ten mutated bodies per batch: a broken one must not spoil the others' answers either.
            var bodies = Enumerable.Range(0, 10).Select(_ => Mutate(body, random)).ToArray();
            IReadOnlyList<object?> results;
            try
            {
                results = await backend.CallBatchAsync([.. bodies.Select(b => new ServeRequest("POST", "/", b))], CancellationToken.None);
            }
            catch (Exception ex)
            {
                Assert.Fail($"batch {batch} of '{model}' threw {ex.GetType().Name}: {ex.Message}; bodies: {string.Join(" | ", bodies.Select(Show))}");
                return;
            }

            Assert.Equal(bodies.Length, results.Count);
            for (var i = 0; i < results.Count; i++)
            {
                var response = Assert.IsType<ServeResponse>(results[i]);
                Assert.True(response.StatusCode is 200 or 400, $"'{model}' answered {response.StatusCode} to {Show(bodies[i])}: {Encoding.UTF8.GetString(response.Body.Span)}");
                answered[response.StatusCode] = answered.GetValueOrDefault(response.StatusCode) + 1;
            }
        }

        Assert.True(answered.GetValueOrDefault(200) > 0, $"no mutation of the seed kept a readable body ({string.Join(", ", answered)})");
        Assert.True(answered.GetValueOrDefault(400) > 0, "no mutation was refused");
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var body = new List<byte>(seed);
        for (var n = random.Next(0, 3); n > 0; n--)
        {
            var at = body.Count == 0 ? 0 : random.Next(body.Count);
            switch (random.Next(5))
            {
                case 0 when body.Count > 0:
                    body[at] = (byte)random.Next(256);
                    break;
                case 1 when body.Count > 0:
                    body[at] = Specials[random.Next(Specials.Length)];
                    break;
                case 2 when body.Count > 0:
                    body.RemoveRange(at, Math.Min(random.Next(1, 16), body.Count - at));
                    break;
                case 3:
                    body.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)]));
                    break;
                default:
                    body.RemoveRange(at, body.Count - at);
                    break;
            }
        }

        return [.. body];
    }

    private static string Show(byte[] body) => Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200));
}
