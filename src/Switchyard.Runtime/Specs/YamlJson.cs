using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Switchyard.Runtime.Specs;

/// <summary>
/// Reads a YAML (or JSON) document as JSON within <see cref="ParseLimits"/>: plain scalars become numbers, booleans
/// and nulls where they look like them. Text that starts with <c>{</c> or <c>[</c> is read as JSON. Every refusal is a
/// <see cref="FormatException"/> (YAML, limits) or <see cref="JsonException"/> (JSON) whose message says what and where.
/// </summary>
internal static class YamlJson
{
    /// <summary>Parses UTF-8 bytes (an HTTP body): invalid UTF-8 and NUL bytes are refused before any parsing.</summary>
    public static JsonElement Parse(ReadOnlySpan<byte> utf8, ParseLimits? limits = null) => Parse(SpecText.Decode(utf8), limits);

    public static JsonElement Parse(string text, ParseLimits? limits = null)
    {
        limits ??= ParseLimits.Default;
        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            throw new FormatException($"character {nul}: the text holds a NUL character, which neither YAML nor JSON allows");
        }

        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            return ParseJson(text, limits);
        }

        try
        {
            return ParseYaml(text, limits);
        }
        catch (YamlException ex)
        {
            throw YamlJsonReader.Fail(ex.Start, ex.InnerException?.Message ?? ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet reports some malformed documents this way, without a position.
            throw new FormatException($"line ?, column ?: the YAML is malformed ({ex.Message})", ex);
        }
    }

    /// <summary>JSON with the depth bound and duplicate keys refused (which one would win is a guess nobody should rely on).</summary>
    public static JsonElement ParseJson(string text, ParseLimits? limits = null)
    {
        using var json = Characters("$", () => JsonDocument.Parse(text, Options(limits ?? ParseLimits.Default)));
        EnsureCharacters(json.RootElement);
        return json.RootElement.Clone();
    }

    /// <summary>The same for UTF-8 bytes; invalid UTF-8 is a <see cref="FormatException"/> naming the byte.</summary>
    public static JsonElement ParseJson(ReadOnlyMemory<byte> utf8, ParseLimits? limits = null)
    {
        SpecText.EnsureUtf8(utf8.Span);
        using var json = Characters("$", () => JsonDocument.Parse(utf8, Options(limits ?? ParseLimits.Default)));
        EnsureCharacters(json.RootElement);
        return json.RootElement.Clone();
    }

    /// <summary>
    /// JSON checks escapes' syntax, not what they decode to: <c>"\ud800"</c> (half a surrogate pair) would only fail
    /// when the string is read, far from here. Every name and string holding an escape is decoded once (the UTF-8
    /// was checked, so nothing else can fail), within the depth bound; the path is built only for a refusal.
    /// </summary>
    private static void EnsureCharacters(JsonElement root)
    {
        if (Undecodable(root) is { } path)
        {
            throw NoCharacter("$" + path, null);
        }
    }

    private static string? Undecodable(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Decodes(JsonMarshal.GetRawUtf8Value(element), () => element.GetString()) ? null : string.Empty;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Undecodable(item) is { } inner)
                    {
                        return $"[{index}]{inner}";
                    }

                    index++;
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!Decodes(JsonMarshal.GetRawUtf8PropertyName(property), () => property.Name))
                    {
                        return string.Empty;
                    }

                    if (Undecodable(property.Value) is { } inner)
                    {
                        return $".{property.Name}{inner}";
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool Decodes(ReadOnlySpan<byte> raw, Func<string?> decode)
    {
        if (raw.IndexOf("\\u"u8) < 0)
        {
            return true;
        }

        try
        {
            decode();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Runs <paramref name="read"/>, which decodes strings (duplicate-key checks decode names while parsing).</summary>
    private static T Characters<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException ex)
        {
            throw NoCharacter(path, ex);
        }
    }

    private static FormatException NoCharacter(string path, Exception? inner) =>
        new($"{path}: a string or name holds an escape that is no character (half a surrogate pair, such as \\ud800)", inner);

    private static JsonDocumentOptions Options(ParseLimits limits) =>
        new() { MaxDepth = limits.MaxDepth, AllowDuplicateProperties = false };

    private static JsonElement ParseYaml(string text, ParseLimits limits)
    {
        var parser = new Parser(new StringReader(text));
        parser.MoveNext(); // StreamStart
        parser.MoveNext();
        if (parser.Current is StreamEnd or null)
        {
            // An empty deployment would delete everything: nobody means that by sending nothing.
            throw new FormatException("the text holds no YAML or JSON document (it is empty or only comments)");
        }

        if (parser.Current is not DocumentStart)
        {
            throw YamlJsonReader.Fail(parser.Current.Start, "expected a YAML document");
        }

        parser.MoveNext();
        var root = new YamlJsonReader(parser, limits).ReadNode(0, out _);
        if (parser.Current is not DocumentEnd)
        {
            throw YamlJsonReader.Fail(parser.Current?.Start ?? Mark.Empty, "expected the end of the YAML document");
        }

        parser.MoveNext();
        if (parser.Current is DocumentStart second)
        {
            throw YamlJsonReader.Fail(second.Start, "the text holds more than one YAML document ('---'): send one");
        }

        if (root is null)
        {
            return JsonDocument.Parse("null").RootElement.Clone();
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            root.WriteTo(writer);
        }

        return ParseJson(buffer.WrittenMemory, limits);
    }
}
