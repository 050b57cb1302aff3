using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Switchyard;

/// <summary>
/// A request's headers as the backend sees them (case-insensitive, the last value where a name repeats), read
/// straight from the pairs the request carries: a handful of headers is searched in place, so the common request
/// costs no dictionary. Many headers get one (built once, on first use), so a lookup never scans a long list.
/// </summary>
internal sealed class HeaderPairs : IReadOnlyDictionary<string, string>
{
    /// <summary>Up to this many pairs a lookup scans them; more get a dictionary.</summary>
    public const int ScanLimit = 16;

    private readonly KeyValuePair<string, string>[] _pairs;
    private Dictionary<string, string>? _byName;

    public HeaderPairs(KeyValuePair<string, string>[] pairs) => _pairs = pairs;

    public int Count => ByName()?.Count ?? DistinctCount();

    public IEnumerable<string> Keys => this.Select(p => p.Key);

    public IEnumerable<string> Values => this.Select(p => p.Value);

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No header '{key}'.");

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        if (ByName() is { } byName)
        {
            return byName.TryGetValue(key, out value);
        }

        for (var i = _pairs.Length - 1; i >= 0; i--)
        {
            if (string.Equals(_pairs[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                value = _pairs[i].Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        if (ByName() is { } byName)
        {
            foreach (var pair in byName)
            {
                yield return pair;
            }

            yield break;
        }

        for (var i = 0; i < _pairs.Length; i++)
        {
            // A repeated name shows once, with its last value (as a dictionary built from the pairs would).
            if (IsLast(i))
            {
                yield return new KeyValuePair<string, string>(FirstName(i), _pairs[i].Value);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private Dictionary<string, string>? ByName()
    {
        if (_pairs.Length <= ScanLimit)
        {
            return null;
        }

        if (Volatile.Read(ref _byName) is { } built)
        {
            return built;
        }

        var byName = new Dictionary<string, string>(_pairs.Length, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in _pairs)
        {
            byName[name] = value;
        }

        return Interlocked.CompareExchange(ref _byName, byName, null) ?? byName;
    }

    private int DistinctCount()
    {
        var count = 0;
        for (var i = 0; i < _pairs.Length; i++)
        {
            count += IsLast(i) ? 1 : 0;
        }

        return count;
    }

    private bool IsLast(int index)
    {
        for (var j = index + 1; j < _pairs.Length; j++)
        {
            if (string.Equals(_pairs[j].Key, _pairs[index].Key, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The spelling a dictionary keeps for a repeated name: the first one's.</summary>
    private string FirstName(int index)
    {
        for (var j = 0; j < index; j++)
        {
            if (string.Equals(_pairs[j].Key, _pairs[index].Key, StringComparison.OrdinalIgnoreCase))
            {
                return _pairs[j].Key;
            }
        }

        return _pairs[index].Key;
    }
}
