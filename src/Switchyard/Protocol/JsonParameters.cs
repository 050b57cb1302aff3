using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Switchyard.Protocol;

/// <summary>
/// A <c>parameters</c> object as a read-only dictionary, read in place from the one JSON document it was parsed
/// into: a parameter costs its bytes and the document's rows, never a document, a string or an entry of its own
/// (one document per value kept about 25 times the body). Its keys are distinct (the reader refuses duplicates)
/// and at most <see cref="OipLimits.MaxParameters"/>, so a lookup's scan is short; <c>binary_data_size</c>, which
/// the protocol reserves for the binary layout, is not one of them.
/// </summary>
internal sealed class JsonParameters : IReadOnlyDictionary<string, JsonElement>
{
    private const string BinaryDataSize = "binary_data_size";

    private readonly JsonElement _object;
    private readonly bool _hasBinaryDataSize;

    /// <summary>Wraps <paramref name="json"/>, a JSON object with no duplicate keys.</summary>
    public JsonParameters(JsonElement json)
    {
        _object = json;
        _hasBinaryDataSize = json.TryGetProperty(BinaryDataSize, out _);
        Count = json.GetPropertyCount() - (_hasBinaryDataSize ? 1 : 0);
    }

    public int Count { get; }

    public IEnumerable<string> Keys => this.Select(pair => pair.Key);

    public IEnumerable<JsonElement> Values => this.Select(pair => pair.Value);

    public JsonElement this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"There is no parameter '{TextExcerpt.Shorten(key)}'.");

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out JsonElement value)
    {
        value = default;
        return !string.Equals(key, BinaryDataSize, StringComparison.Ordinal) && _object.TryGetProperty(key, out value);
    }

    public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator()
    {
        foreach (var property in _object.EnumerateObject())
        {
            if (!_hasBinaryDataSize || !property.NameEquals(BinaryDataSize))
            {
                yield return new(property.Name, property.Value);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
