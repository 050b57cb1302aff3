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

    public byte[] Mutate(byte[] body, int minEdits = 1, int maxEdits = 3) => Mutate(body, null, minEdits, maxEdits).Body;

    /// <summary>
    /// The same, keeping <paramref name="mark"/> (an offset into the body, such as where a binary message's JSON header
    /// ends) on the same byte: edits before it move it, a cut before it brings it to the end.
    /// </summary>
    public (byte[] Body, int? Mark) Mutate(byte[] body, int? mark, int minEdits = 1, int maxEdits = 3)
    {
        var bytes = new List<byte>(body);
        for (var n = _random.Next(minEdits, maxEdits + 1); n > 0; n--)
        {
            var at = bytes.Count == 0 ? 0 : _random.Next(bytes.Count);
            var before = mark is { } m && at < m;
            switch (_random.Next(6))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] = (byte)_random.Next(256);
                    break;
                case 1 when bytes.Count > 0:
                    bytes[at] = specials[_random.Next(specials.Length)];
                    break;
                case 2 when bytes.Count > 0:
                    var count = Math.Min(_random.Next(1, 16), bytes.Count - at);
                    bytes.RemoveRange(at, count);
                    mark = before ? Math.Max(at, mark!.Value - count) : mark;
                    break;
                case 3 when bytes.Count > 0:
                    var run = bytes.GetRange(at, Math.Min(_random.Next(1, 48), bytes.Count - at));
                    bytes.InsertRange(at, run);
                    mark = before ? mark + run.Count : mark;
                    break;
                case 4:
                    var token = Encoding.UTF8.GetBytes(tokens[_random.Next(tokens.Count)]);
                    bytes.InsertRange(at, token);
                    mark = before ? mark + token.Length : mark;
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at); // cut off in flight
                    mark = mark is { } cut ? Math.Min(cut, bytes.Count) : null;
                    break;
            }
        }

        return ([.. bytes], mark);
    }

    /// <summary>The start of a body as text, for a failure message.</summary>
    public static string Show(byte[] body, int length = 300) => Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, length));
}
