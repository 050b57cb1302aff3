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
        Assert.Equal(System.Text.Json.JsonValueKind.Null, v1.GetProperty("config").GetProperty("user_config").ValueKind);
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
}
