using System.Collections.Immutable;

namespace Switchyard.Runtime.Control.Model;

/// <summary>
/// The outcomes of the latest successful calls by idempotency key, oldest first and at most <see cref="Capacity"/>.
/// A call retried while the controller moves (its first answer lost) finds its outcome here and answers the same.
/// Immutable, like the state that holds it.
/// </summary>
internal sealed class RecentCalls
{
    /// <summary>Enough for every retry in flight: a client retries one call for at most its settle timeout.</summary>
    public const int Capacity = 256;

    /// <summary>Longer keys are not kept (clients send 32 hex digits).</summary>
    public const int MaxKeyLength = 128;

    private RecentCalls(ImmutableQueue<KeyValuePair<string, Outcome>> entries, int count)
    {
        Entries = entries;
        Count = count;
    }

    public static RecentCalls Empty { get; } = new(ImmutableQueue<KeyValuePair<string, Outcome>>.Empty, 0);

    public ImmutableQueue<KeyValuePair<string, Outcome>> Entries { get; }

    public int Count { get; }

    public static RecentCalls From(IEnumerable<KeyValuePair<string, Outcome>> entries) =>
        entries.Aggregate(Empty, (calls, entry) => calls.Add(entry.Key, entry.Value));

    public static bool IsUsableKey(string? key) => !string.IsNullOrEmpty(key) && key.Length <= MaxKeyLength;

    public Outcome? Find(string key)
    {
        foreach (var (k, outcome) in Entries)
        {
            if (k == key)
            {
                return outcome;
            }
        }

        return null;
    }

    /// <summary>These calls and one more; the oldest is forgotten once there are more than <see cref="Capacity"/>.</summary>
    public RecentCalls Add(string key, Outcome outcome)
    {
        var entries = Entries.Enqueue(new KeyValuePair<string, Outcome>(key, outcome));
        var count = Count + 1;
        while (count > Capacity)
        {
            entries = entries.Dequeue();
            count--;
        }

        return new RecentCalls(entries, count);
    }
}
