using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.EndToEnd.Tests;

/// <summary>Open Inference Protocol calls as any client makes them: JSON bodies, or a JSON header followed by raw tensor bytes.</summary>
public static class Oip
{
    public const string HeaderLength = "Inference-Header-Content-Length";

    public static string ModelPath(string file) => Path.Combine(NodeProcess.RepositoryRoot, "models", file);

    /// <summary>Deploys the ONNX backend on <paramref name="model"/> as backend and endpoint <paramref name="name"/>.</summary>
    public static Task DeployOnnxAsync(this NodeProcess node, string name, string model, string config = """{"max_batch_size":16,"batch_wait_timeout_s":0.005}""") =>
        node.DeployAsync(name, "onnx", config: config, initArgs: JsonSerializer.Serialize(new { model = ModelPath(model) }), methods: """["POST"]""");

    public static async Task<HttpResponseMessage> InferJsonAsync(this HttpClient http, string path, JsonNode request, string? shardKey = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json") };
        if (shardKey is not null)
        {
            message.Headers.Add("X-SERVE-SHARD-KEY", shardKey);
        }

        return await http.SendAsync(message);
    }

    /// <summary>Sends <paramref name="header"/> with every input's <c>binary_data_size</c> and its raw bytes after it.</summary>
    public static async Task<HttpResponseMessage> InferBinaryAsync(this HttpClient http, string path, JsonObject header, params byte[][] parts)
    {
        var head = Encoding.UTF8.GetBytes(header.ToJsonString());
        var body = head.Concat(parts.SelectMany(p => p)).ToArray();
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        message.Headers.Add(HeaderLength, head.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await http.SendAsync(message);
    }

    /// <summary>A JSON tensor object.</summary>
    public static JsonObject Tensor<T>(string name, string datatype, long[] shape, IEnumerable<T> data) => new()
    {
        ["name"] = name,
        ["datatype"] = datatype,
        ["shape"] = new JsonArray([.. shape.Select(d => JsonValue.Create(d))]),
        ["data"] = JsonSerializer.SerializeToNode(data.ToArray()),
    };

    /// <summary>A binary tensor header entry for <paramref name="size"/> bytes.</summary>
    public static JsonObject BinaryTensor(string name, string datatype, long[] shape, int size) => new()
    {
        ["name"] = name,
        ["datatype"] = datatype,
        ["shape"] = new JsonArray([.. shape.Select(d => JsonValue.Create(d))]),
        ["parameters"] = new JsonObject { ["binary_data_size"] = size },
    };

    public static JsonObject Request(params JsonObject[] inputs) => new() { ["inputs"] = new JsonArray(inputs) };

    public static byte[] Floats(IEnumerable<float> values)
    {
        var list = values.ToArray();
        var bytes = new byte[list.Length * 4];
        for (var i = 0; i < list.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), list[i]);
        }

        return bytes;
    }

    public static byte[] Longs(IEnumerable<long> values)
    {
        var list = values.ToArray();
        var bytes = new byte[list.Length * 8];
        for (var i = 0; i < list.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), list[i]);
        }

        return bytes;
    }

    /// <summary>A 200 response's outputs by name as (shape, values), JSON or binary alike; also the response's JSON header.</summary>
    public static async Task<(JsonObject Header, Dictionary<string, (long[] Shape, double[] Values)> Outputs)> OutputsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
        var length = response.Headers.TryGetValues(HeaderLength, out var values) ? int.Parse(values.Single(), System.Globalization.CultureInfo.InvariantCulture) : body.Length;
        var header = JsonNode.Parse(body.AsSpan(0, length))!.AsObject();
        var outputs = new Dictionary<string, (long[], double[])>();
        var offset = length;
        foreach (var output in header["outputs"]!.AsArray().Select(o => o!.AsObject()))
        {
            var shape = output["shape"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
            if (output["data"] is { } data)
            {
                outputs[output["name"]!.GetValue<string>()] = (shape, Flat(data));
                continue;
            }

            var size = output["parameters"]!["binary_data_size"]!.GetValue<int>();
            var raw = body.AsSpan(offset, size).ToArray();
            offset += size;
            outputs[output["name"]!.GetValue<string>()] = (shape, Decode(output["datatype"]!.GetValue<string>(), raw));
        }

        Assert.True(offset == body.Length, $"{body.Length - offset} bytes of the response belong to no output");
        return (header, outputs);
    }

    /// <summary>An error response's message, asserting the protocol's <c>{"error": "..."}</c> shape and the status.</summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["error"], json.Select(p => p.Key));
        return json["error"]!.GetValue<string>();
    }

    private static double[] Decode(string datatype, byte[] raw) => datatype switch
    {
        "FP32" => Enumerable.Range(0, raw.Length / 4).Select(i => (double)BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(i * 4))).ToArray(),
        "FP64" => Enumerable.Range(0, raw.Length / 8).Select(i => BinaryPrimitives.ReadDoubleLittleEndian(raw.AsSpan(i * 8))).ToArray(),
        "INT64" => Enumerable.Range(0, raw.Length / 8).Select(i => (double)BinaryPrimitives.ReadInt64LittleEndian(raw.AsSpan(i * 8))).ToArray(),
        _ => throw new NotSupportedException(datatype),
    };

    public static double[] Flat(JsonNode? node) => node switch
    {
        JsonArray array => array.SelectMany(Flat).ToArray(),
        JsonValue value => [value.GetValue<double>()],
        _ => throw new InvalidOperationException($"not a number or array: {node}"),
    };
}
