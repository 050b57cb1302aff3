using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Onnx.Tests;

/// <summary>Reads what the backend returned for one request.</summary>
internal static class Results
{
    /// <summary>The own route's JSON answer (asserting a 200 JSON response).</summary>
    public static JsonObject Json(object? result)
    {
        var response = Assert.IsType<ServeResponse>(result);
        Assert.True(response.StatusCode == 200, $"status {response.StatusCode}: {Encoding.UTF8.GetString(response.Body.Span)}");
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        return JsonNode.Parse(response.Body.Span)!.AsObject();
    }

    /// <summary>The detail of a problem answer, asserting its status.</summary>
    public static string Problem(object? result, int status = 400)
    {
        var response = Assert.IsType<ServeResponse>(result);
        var body = Encoding.UTF8.GetString(response.Body.Span);
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.ContentType);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("detail").GetString()!;
    }

    /// <summary>Every number of a JSON value, flattened in order.</summary>
    public static double[] Flat(JsonNode? node) => node switch
    {
        JsonArray array => array.SelectMany(Flat).ToArray(),
        JsonValue value => [value.GetValue<double>()],
        _ => throw new InvalidOperationException($"not a number or array: {node}"),
    };

    public static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
