using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.EndToEnd.Tests;

/// <summary>Small helpers over a node's admin API and ingress.</summary>
public static class Api
{
    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json) =>
        await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string path, string json) =>
        await client.PatchAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string path, string json) =>
        await client.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty body");

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>Creates a backend and an endpoint routed to it, asserting both succeed.</summary>
    public static async Task DeployAsync(this NodeProcess node, string name, string @class, string? config = null, string? initArgs = null, string methods = """["GET","POST"]""", string? route = null)
    {
        var body = $$"""{"name":"{{name}}","class":"{{@class}}"{{(config is null ? "" : $",\"config\":{config}")}}{{(initArgs is null ? "" : $",\"init_args\":{initArgs}")}}}""";
        using var created = await node.Admin.PostJsonAsync("api/backends", body);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        using var endpoint = await node.Admin.PostJsonAsync("api/endpoints", $$"""{"name":"{{name}}","backend":"{{name}}","route":"{{route ?? "/" + name}}","methods":{{methods}}}""");
        Assert.True(endpoint.StatusCode == HttpStatusCode.Created, await endpoint.Content.ReadAsStringAsync());
    }

    public static async Task<List<JsonNode>> ReplicasAsync(this NodeProcess node, string backend) =>
        (await node.Admin.GetJsonAsync($"api/backends/{backend}"))["replicas"]!.AsArray().Select(r => r!).ToList();

    public static async Task<T> ReadJsonAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web))!;
}
