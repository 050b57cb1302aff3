using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Switchyard.Runtime.Specs;

/// <summary>
/// Reads one YAML document from the parser's events into JSON nodes within <see cref="ParseLimits"/>. It works on
/// events rather than YamlDotNet's node tree because that tree shares an aliased node instead of copying it, so
/// the cost of aliases (and their cycles) only shows when converting; here every alias is counted as it is
/// expanded, a cycle is seen as an alias to a node still open, and recursion never goes deeper than the limit.
/// </summary>
internal sealed class YamlJsonReader
{
    private readonly IParser _parser;
    private readonly ParseLimits _limits;
    private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _open = new(StringComparer.Ordinal);
    private int _nodes;

    public YamlJsonReader(IParser parser, ParseLimits limits)
    {
        _parser = parser;
        _limits = limits;
    }

    /// <summary>Reads the node at the parser's current event, which it leaves on the event after that node.</summary>
    public JsonNode? ReadNode(int depth, out int height)
    {
        var current = _parser.Current ?? throw Fail(Mark.Empty, "the YAML ends in the middle of a node");
        switch (current)
        {
            case AnchorAlias alias:
                _parser.MoveNext();
                return Expand(alias, depth, out height);
            case Scalar scalar:
                _parser.MoveNext();
                Count(scalar.Start, 1);
                height = 0;
                var value = ToJson(scalar);
                Remember(scalar, value, 1, 0, scalar.Value);
                return value;
            case SequenceStart sequence:
                return ReadSequence(sequence, depth, out height);
            case MappingStart mapping:
                return ReadMapping(mapping, depth, out height);
            default:
                throw Fail(current.Start, $"unexpected {current.GetType().Name} in the YAML");
        }
    }

    private JsonArray ReadSequence(SequenceStart start, int depth, out int height)
    {
        Enter(start, depth);
        var before = _nodes;
        var array = new JsonArray();
        height = 1;
        while (_parser.Current is not SequenceEnd)
        {
            array.Add(ReadNode(depth + 1, out var child));
            height = Math.Max(height, child + 1);
        }

        _parser.MoveNext();
        Leave(start, array, _nodes - before, height);
        return array;
    }

    private JsonObject ReadMapping(MappingStart start, int depth, out int height)
    {
        Enter(start, depth);
        var before = _nodes;
        var map = new JsonObject();
        height = 1;
        while (_parser.Current is not MappingEnd)
        {
            var keyAt = _parser.Current?.Start ?? start.Start;
            var key = ReadKey();
            if (map.ContainsKey(key))
            {
                throw Fail(keyAt, $"the key '{Shorten(key)}' appears twice in one mapping");
            }

            map[key] = ReadNode(depth + 1, out var child);
            height = Math.Max(height, child + 1);
        }

        _parser.MoveNext();
        Leave(start, map, _nodes - before, height);
        return map;
    }

    private string ReadKey()
    {
        switch (_parser.Current)
        {
            case Scalar scalar:
                _parser.MoveNext();
                Count(scalar.Start, 1);
                Remember(scalar, JsonValue.Create(scalar.Value), 1, 0, scalar.Value);
                return scalar.Value;
            case AnchorAlias alias when _anchors.TryGetValue(alias.Value.Value, out var anchored) && anchored.Text is { } text:
                _parser.MoveNext();
                Count(alias.Start, 1);
                return text;
            case { } other:
                throw Fail(other.Start, "a mapping key must be a scalar (a plain string), not a mapping, a sequence or an alias to one");
            default:
                throw Fail(Mark.Empty, "the YAML ends in the middle of a mapping");
        }
    }

    private JsonNode? Expand(AnchorAlias alias, int depth, out int height)
    {
        var name = alias.Value.Value;
        if (_open.Contains(name))
        {
            throw Fail(alias.Start, $"the alias '*{Shorten(name)}' refers to a node that contains it (a cycle)");
        }

        if (!_anchors.TryGetValue(name, out var anchored))
        {
            throw Fail(alias.Start, $"the alias '*{Shorten(name)}' refers to no anchor defined before it");
        }

        if (depth + anchored.Height > _limits.MaxDepth)
        {
            throw TooDeep(alias.Start);
        }

        Count(alias.Start, anchored.Count);
        height = anchored.Height;
        return anchored.Node?.DeepClone();
    }

    private void Enter(NodeEvent start, int depth)
    {
        if (depth + 1 > _limits.MaxDepth)
        {
            throw TooDeep(start.Start);
        }

        Count(start.Start, 1);
        _parser.MoveNext();
        if (!start.Anchor.IsEmpty)
        {
            _open.Add(start.Anchor.Value);
        }
    }

    private void Leave(NodeEvent start, JsonNode node, int count, int height)
    {
        if (!start.Anchor.IsEmpty)
        {
            _open.Remove(start.Anchor.Value);
        }

        Remember(start, node, count, height, text: null);
    }

    private void Remember(NodeEvent node, JsonNode? value, int count, int height, string? text)
    {
        if (!node.Anchor.IsEmpty)
        {
            _anchors[node.Anchor.Value] = new Anchored(value, count, height, text);
        }
    }

    private void Count(Mark at, int nodes)
    {
        _nodes += nodes;
        if (_nodes > _limits.MaxNodes)
        {
            throw Fail(at, $"the document holds more than {_limits.MaxNodes} nodes once its aliases are expanded");
        }
    }

    private FormatException TooDeep(Mark at) => Fail(at, $"the document nests deeper than {_limits.MaxDepth} levels");

    internal static FormatException Fail(Mark at, string message) =>
        new(at.Equals(Mark.Empty) ? message : $"line {at.Line}, column {at.Column}: {message}");

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    /// <summary>Plain scalars become numbers, booleans and nulls where they look like them; quoted ones stay strings.</summary>
    private static JsonValue? ToJson(Scalar scalar)
    {
        var value = scalar.Value;
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(value);
    }

    private sealed record Anchored(JsonNode? Node, int Count, int Height, string? Text);
}
