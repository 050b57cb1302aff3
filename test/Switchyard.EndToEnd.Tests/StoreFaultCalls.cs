using System.Net;

namespace Switchyard.EndToEnd.Tests;

/// <summary>Every kind of admin call that changes state, made while the node's store fails, each of which must change nothing.</summary>
public static class StoreFaultCalls
{
    /// <summary>Backends <c>keep</c> (with endpoint <c>keep</c> at <c>/keep</c>) and <c>spare</c>, which the calls below try to change.</summary>
    public static async Task DeployStartingPointAsync(NodeProcess node)
    {
        await node.DeployAsync("keep", "Echo");
        using var spare = await node.Admin.PostJsonAsync("api/backends", """{"name":"spare","class":"Echo"}""");
        Assert.True(spare.StatusCode == HttpStatusCode.Created, await spare.Content.ReadAsStringAsync());
    }

    /// <summary>What the node says it has: backends and endpoints as the admin API lists them.</summary>
    public static async Task<string> ListedAsync(NodeProcess node) =>
        await node.Admin.GetStringAsync("api/backends") + await node.Admin.GetStringAsync("api/endpoints");

    /// <summary>Makes each call, asserting a 503 that names the store, that reads still answer the same, and that the ingress still serves.</summary>
    public static async Task AssertEachRejectedAsync(NodeProcess node)
    {
        var before = await ListedAsync(node);
        var calls = new (string What, Func<Task<HttpResponseMessage>> Call)[]
        {
            ("create backend", () => node.Admin.PostJsonAsync("api/backends", """{"name":"new","class":"Echo"}""")),
            ("update config", () => node.Admin.PatchJsonAsync("api/backends/keep/config", """{"num_replicas":3}""")),
            ("delete backend", () => node.Admin.DeleteAsync("api/backends/spare")),
            ("create endpoint", () => node.Admin.PostJsonAsync("api/endpoints", """{"name":"new","backend":"keep","route":"/new"}""")),
            ("delete endpoint", () => node.Admin.DeleteAsync("api/endpoints/keep")),
            ("set traffic", () => node.Admin.PutJsonAsync("api/endpoints/keep/traffic", """{"keep":0.5,"spare":0.5}""")),
            ("set shadow", () => node.Admin.PutJsonAsync("api/endpoints/keep/shadows/spare", """{"proportion":0.5}""")),
            ("deploy", () => node.Admin.PostJsonAsync("api/deploy", """{"backends":{"only":{"class":"Echo"}},"endpoints":{}}""")),
        };
        foreach (var (what, call) in calls)
        {
            using var response = await call();
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{what}: {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("the controller's store is unreachable, so nothing was changed", body, StringComparison.Ordinal);
            Assert.Equal(before, await ListedAsync(node));
            using var served = await node.Http.PostAsync("keep", new StringContent("still here"));
            Assert.True(served.StatusCode == HttpStatusCode.OK, $"the ingress after '{what}': {(int)served.StatusCode}");
        }
    }

    /// <summary>Asserts that the node holds the starting point plus endpoint <c>after</c>, and not one of the rejected changes.</summary>
    public static async Task AssertOnlyTheLaterChangeAsync(NodeProcess node)
    {
        var backends = (await node.Admin.GetJsonAsync("api/backends")).AsObject();
        Assert.Equal(["keep", "spare"], backends.Select(b => b.Key).Order());
        Assert.Equal(1, backends["keep"]!["config"]!["num_replicas"]!.GetValue<int>());
        var endpoints = (await node.Admin.GetJsonAsync("api/endpoints")).AsObject();
        Assert.Equal(["after", "keep"], endpoints.Select(e => e.Key).Order());
        Assert.Equal("""{"keep":1}""", endpoints["keep"]!["traffic"]!.ToJsonString());
        Assert.Equal("{}", endpoints["keep"]!["shadows"]!.ToJsonString());
    }
}
