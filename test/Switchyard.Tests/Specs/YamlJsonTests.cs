using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Switchyard.Runtime.Specs;

namespace Switchyard.Tests.Specs;

public sealed class YamlJsonTests
{
    [Fact]
    public void Parse_Yaml_TypedScalars()
    {
        var json = YamlJson.Parse("""
            backends:
              v1:
                class: onnx
                init_args: { model: "models/digits.onnx", version: '2' }
                config: { num_replicas: 2, batch_wait_timeout_s: 0.005, user_config: null }
            endpoints:
              e: { route: /e, methods: [POST], traffic: { v1: 1.0 } }
            """);
        var v1 = json.GetProperty("backends").GetProperty("v1");
        Assert.Equal(2, v1.GetProperty("config").GetProperty("num_replicas").GetInt32());
        Assert.Equal(0.005, v1.GetProperty("config").GetProperty("batch_wait_timeout_s").GetDouble());
        Assert.Equal("2", v1.GetProperty("init_args").GetProperty("version").GetString());
        Assert.Equal(JsonValueKind.Null, v1.GetProperty("config").GetProperty("user_config").ValueKind);
    }

    [Fact]
    public void Parse_Json_AsIs()
    {
        Assert.Equal(3, YamlJson.Parse("""{"a": 3}""").GetProperty("a").GetInt32());
    }

    [Fact]
    public void Parse_BrokenYaml_FormatExceptionWithLine()
    {
        var ex = Assert.Throws<FormatException>(() => YamlJson.Parse("a: [1, 2\nb: c"));
        Assert.StartsWith("line ", ex.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => YamlJson.Parse("a: b: c"));
    }

    [Fact]
    public void Parse_SmallAliases_ExpandedAsCopies()
    {
        var json = YamlJson.Parse("""
            defaults: &d { num_replicas: 2, max_batch_size: 4 }
            backends:
              a: { class: Echo, config: *d }
              b: { class: Echo, config: *d }
            """);
        Assert.Equal(2, json.GetProperty("backends").GetProperty("b").GetProperty("config").GetProperty("num_replicas").GetInt32());
    }

    [Fact]
    public void Parse_BillionLaughs_RefusedQuicklyNamingTheBound()
    {
        var yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var level = 'b'; level <= 'j'; level++)
        {
            var previous = (char)(level - 1);
            yaml.Append($"{level}: &{level} [{string.Join(", ", Enumerable.Repeat($"*{previous}", 10))}]\n");
        }

        var clock = Stopwatch.StartNew();
        var ex = Assert.Throws<FormatException>(() => YamlJson.Parse(yaml.ToString()));
        Assert.Contains("more than 100000 nodes once its aliases are expanded", ex.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("""{"a\ud800": 1}""", "$: ")]
    [InlineData("""{"backends": {"b": {"class": "x\udc00"}}}""", "$.backends.b.class: ")]
    [InlineData("""["ok", "\ud800"]""", "$[1]: ")]
    public void ParseJson_EscapedHalfSurrogatePair_RefusedNamingWhere(string json, string where)
    {
        var text = Assert.Throws<FormatException>(() => YamlJson.Parse(json)).Message;
        var bytes = Assert.Throws<FormatException>(() => YamlJson.ParseJson(System.Text.Encoding.UTF8.GetBytes(json))).Message;

        Assert.StartsWith(where + "a string or name holds an escape that is no character (half a surrogate pair", text, StringComparison.Ordinal);
        Assert.Equal(text, bytes);
    }

    [Theory]
    [InlineData("x: &a [*a]")]
    [InlineData("x: &a {k: *a}")]
    [InlineData("x: &a [1, [2, *a]]")]
    public void Parse_AliasCycle_Refused(string yaml)
    {
        var ex = Assert.Throws<FormatException>(() => YamlJson.Parse(yaml));
        Assert.Contains("(a cycle)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownAlias_Refused()
    {
        var ex = Assert.Throws<FormatException>(() => YamlJson.Parse("x: *nowhere"));
        Assert.Contains("refers to no anchor", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(65)]
    public void Parse_DeepFlowYaml_RefusedNamingTheDepth(int depth)
    {
        var yaml = "a: " + new string('[', depth) + new string(']', depth);
        var ex = Assert.Throws<FormatException>(() => YamlJson.Parse(yaml));
        Assert.Contains("nests deeper than 64 levels", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeepBlockYaml_Refused()
    {
        var yaml = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            yaml.Append(' ', i).Append("k:\n");
        }

        Assert.Contains("nests deeper", Assert.Throws<FormatException>(() => YamlJson.Parse(yaml.ToString())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeepAliasedNodeThatPushesPastTheDepth_Refused()
    {
        var inner = new string('[', 40) + new string(']', 40);
        var yaml = $"a: &a {inner}\nb: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[*a]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]";
        Assert.Contains("nests deeper", Assert.Throws<FormatException>(() => YamlJson.Parse(yaml)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("? [a, b]\n: 1")]
    [InlineData("? {a: 1}\n: 1")]
    [InlineData("x: {[a]: 1}")]
    public void Parse_NonScalarKey_RefusedWithPosition(string yaml)
    {
        var ex = Assert.Throws<FormatException>(() => YamlJson.Parse(yaml));
        Assert.Contains("a mapping key must be a scalar", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("line ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateYamlKey_Refused()
    {
        var ex = Assert.Throws<FormatException>(() => YamlJson.Parse("backends:\n  a: {class: Echo}\n  a: {class: Greeter}\n"));
        Assert.Contains("the key 'a' appears twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateJsonKey_Refused()
    {
        var ex = Assert.ThrowsAny<JsonException>(() => YamlJson.Parse("""{"backends": {}, "backends": {"a": {}}}"""));
        Assert.Contains("backends", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeepJson_Refused()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);
        Assert.ThrowsAny<JsonException>(() => YamlJson.Parse(json));
        Assert.ThrowsAny<JsonException>(() => YamlJson.ParseJson(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Parse_JsonAtTheDepthLimit_Accepted()
    {
        var json = new string('[', 64) + new string(']', 64);
        Assert.Equal(JsonValueKind.Array, YamlJson.ParseJson(json).ValueKind);
        Assert.Equal(JsonValueKind.Object, YamlJson.Parse("a: " + new string('[', 63) + new string(']', 63)).ValueKind);
    }

    [Fact]
    public void Parse_InvalidUtf8_RefusedNamingTheByte()
    {
        byte[] bytes = [.. "backends: {}\n# "u8, 0xC3, 0x28];
        var ex = Assert.Throws<FormatException>(() => YamlJson.Parse(bytes));
        Assert.Equal("byte 15: the text is not valid UTF-8", ex.Message);
    }

    [Fact]
    public void Parse_NulByte_Refused()
    {
        byte[] bytes = [.. "backends: {}\n"u8, 0, .. "x: 1"u8];
        Assert.Contains("NUL", Assert.Throws<FormatException>(() => YamlJson.Parse(bytes)).Message, StringComparison.Ordinal);
        Assert.Contains("NUL", Assert.Throws<FormatException>(() => YamlJson.Parse("a: \0")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HugeNumbers_StayStringsOrRawNumbers()
    {
        var digits = new string('9', 100_000);
        Assert.Equal(JsonValueKind.String, YamlJson.Parse($"a: 1e99999\nb: {digits}").GetProperty("a").ValueKind);
        Assert.Equal(JsonValueKind.Number, YamlJson.Parse($"{{\"a\": {digits}}}").GetProperty("a").ValueKind);
    }

    [Fact]
    public void Parse_SecondDocument_Refused()
    {
        Assert.Contains("more than one YAML document", Assert.Throws<FormatException>(() => YamlJson.Parse("a: 1\n---\nb: 2\n")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ByteOrderMark_Skipped()
    {
        Assert.Equal(1, YamlJson.Parse([.. "\uFEFF"u8, .. "a: 1"u8]).GetProperty("a").GetInt32());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("# only a comment\n")]
    public void Parse_NoDocument_RefusedRatherThanAnEmptyDeployment(string text)
    {
        Assert.Contains("holds no YAML or JSON document", Assert.Throws<FormatException>(() => YamlJson.Parse(text)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseJson_InvalidUtf8_FormatExceptionNamingTheByte()
    {
        byte[] bytes = [.. "{\"a\":\""u8, 0xFF, .. "\"}"u8];
        Assert.Equal("byte 6: the text is not valid UTF-8", Assert.Throws<FormatException>(() => YamlJson.ParseJson(bytes)).Message);
    }
}
