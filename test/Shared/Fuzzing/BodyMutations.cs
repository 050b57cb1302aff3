using System.Text;

namespace Switchyard.Testing;

/// <summary>
/// Seeded mutations of a valid body, as a fuzzer makes them: a byte overwritten (at random, or with a character that
/// means something to the parser), a run deleted or repeated, a token inserted, the rest cut off. The same seed gives
/// the same bodies, so a failure names its mutation and replays.
/// </summary>
internal sealed class BodyMutations(int seed, IReadOnlyList<string> tokens, byte[] specials)
{
    private readonly Random _random = new(seed);

    public byte[] Mutate(byte[] body, int minEdits = 1, int maxEdits = 3)
    {
        var bytes = new List<byte>(body);
        for (var n = _random.Next(minEdits, maxEdits + 1); n > 0; n--)
        {
            var at = bytes.Count == 0 ? 0 : _random.Next(bytes.Count);
            switch (_random.Next(6))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] = (byte)_random.Next(256);
                    break;
                case 1 when bytes.Count > 0:
                    bytes[at] = specials[_random.Next(specials.Length)];
                    break;
                case 2 when bytes.Count > 0:
                    bytes.RemoveRange(at, Math.Min(_random.Next(1, 16), bytes.Count - at));
                    break;
                case 3 when bytes.Count > 0:
                    bytes.InsertRange(at, bytes.GetRange(at, Math.Min(_random.Next(1, 48), bytes.Count - at)));
                    break;
                case 4:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(tokens[_random.Next(tokens.Count)]));
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>The start of a body as text, for a failure message.</summary>
    public static string Show(byte[] body, int length = 300) => Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, length));
}
