using System.Net;
using System.Text.Json.Nodes;

namespace Switchyard.EndToEnd.Tests;

/// <summary>HTTP semantics of the ingress (CONTRACT section 7) against a real node.</summary>
public sealed class IngressTests(SharedNode shared) : IClassFixture<SharedNode>
{
    private NodeProcess Node => shared.Node;

    [Fact]
    public async Task Call_InitArgsBound_JsonResult()
    {
        await Node.DeployAsync("greet", "Greeter", initArgs: """{"greeting":"hello","times":2}""");
        using var response = await Node.Http.PostAsync("greet", new StringContent("bob"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("hellohello bob", (await response.JsonAsync())["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Call_ResultTypes_MappedToContentTypes()
    {
        await Node.DeployAsync("types", "Thrower");
        using var text = await Node.Http.PostAsync("types", new StringContent("hi"));
        Assert.Equal("text/plain; charset=utf-8", text.Content.Headers.ContentType!.ToString());
        Assert.Equal("hi", await text.Content.ReadAsStringAsync());

        using var bytes = await Node.Http.PostAsync("types?as=bytes", new StringContent("hi"));
        Assert.Equal("application/octet-stream", bytes.Content.Headers.ContentType!.MediaType);
        Assert.Equal([1, 2, 3], await bytes.Content.ReadAsByteArrayAsync());

        using var empty = await Node.Http.PostAsync("types?as=null", new StringContent("hi"));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Empty(await empty.Content.ReadAsByteArrayAsync());

        using var json = await Node.Http.PostAsync("types?as=json", new StringContent("hey"));
        Assert.Equal(3, (await json.JsonAsync())["length"]!.GetValue<int>());

        using var custom = await Node.Http.PostAsync("types?as=teapot", new StringContent("hey"));
        Assert.Equal((HttpStatusCode)418, custom.StatusCode);
        Assert.Equal("short and stout", await custom.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Call_BackendRejectsInput_4xxProblemWithMessage()
    {
        await Node.DeployAsync("reject", "Thrower");
        using var response = await Node.Http.PostAsync("reject", new StringContent(""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("the body must not be empty", (await response.JsonAsync())["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Call_BackendThrows_500ProblemWithoutStackTrace()
    {
        await Node.DeployAsync("boom", "Thrower");
        using var response = await Node.Http.PostAsync("boom", new StringContent("boom"));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonNode.Parse(body)!;
        Assert.Equal("InvalidOperationException", problem["title"]!.GetValue<string>());
        Assert.Equal("boom happened", problem["detail"]!.GetValue<string>());
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);

        using var after = await Node.Http.PostAsync("boom", new StringContent("fine"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Call_Routing_PrefixMatch404And405()
    {
        await Node.DeployAsync("prefix", "Echo", methods: """["POST"]""", route: "/prefix/v1");
        using var below = await Node.Http.PostAsync("prefix/v1/deeper/path", new StringContent("x"));
        Assert.Equal(HttpStatusCode.OK, below.StatusCode);
        using var sibling = await Node.Http.PostAsync("prefix/v10", new StringContent("x"));
        Assert.Equal(HttpStatusCode.NotFound, sibling.StatusCode);
        using var wrongMethod = await Node.Http.GetAsync("prefix/v1");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal(["POST"], wrongMethod.Content.Headers.Allow);
    }

    [Fact]
    public async Task Call_BodyOverLimit_413()
    {
        await Node.DeployAsync("big", "Echo", methods: """["POST"]""");
        // Expect: 100-continue lets the node refuse before the client sends 17 MiB it would not read.
        using var request = new HttpRequestMessage(HttpMethod.Post, "big") { Content = new ByteArrayContent(new byte[17 * 1024 * 1024]) };
        request.Headers.ExpectContinue = true;
        using var response = await Node.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);

        using var atLimit = await Node.Http.PostAsync("big", new ByteArrayContent(new byte[1024 * 1024]));
        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
    }

    [Fact]
    public async Task Plugin_PrivateDependencyFromItsOwnFolder_LoadsAndShareContract()
    {
        // The plugin folder holds its own Switchyard.Core.dll and a dependency the host does not have.
        var pluginFolder = Path.GetDirectoryName(NodeProcess.TestBackendsPath)!;
        Assert.True(File.Exists(Path.Combine(pluginFolder, "Switchyard.TestBackends.Dependency.dll")));
        Assert.True(File.Exists(Path.Combine(pluginFolder, "Switchyard.Core.dll")));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(NodeProcess.CliPath)!, "Switchyard.TestBackends.Dependency.dll")));

        await Node.DeployAsync("rot", "Rot13Backend", methods: """["POST"]""");
        using var response = await Node.Http.PostAsync("rot", new StringContent("Hello"));
        Assert.Equal("Uryyb", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Routes_ListsEveryRoutedEndpoint()
    {
        await Node.DeployAsync("listed", "Echo", methods: """["POST"]""");
        var routes = await Node.Http.GetJsonAsync("-/routes");
        Assert.Equal("listed", routes["/listed"]![0]!.GetValue<string>());
        Assert.Equal("POST", routes["/listed"]![1]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Handle_HandleOnlyEndpoint_ReachableFromAnotherBackend()
    {
        using (var inner = await Node.Admin.PostJsonAsync("api/backends", """{"name":"inner","class":"Echo"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, inner.StatusCode);
        }

        using (var innerEndpoint = await Node.Admin.PostJsonAsync("api/endpoints", """{"name":"inner","backend":"inner"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, innerEndpoint.StatusCode);
        }

        await Node.DeployAsync("outer", "Composer", initArgs: """{"downstream":"inner"}""", methods: """["POST"]""");
        using var response = await Node.Http.PostAsync("outer", new StringContent("ping"));
        Assert.Equal("composed(ping)", await response.Content.ReadAsStringAsync());
        var routes = await Node.Http.GetJsonAsync("-/routes");
        Assert.DoesNotContain(routes.AsObject(), r => r.Value![0]!.GetValue<string>() == "inner");
    }

    [Fact]
    public async Task Metrics_AfterRequests_CountedByEndpointBackendStatus()
    {
        await Node.DeployAsync("counted", "Echo", methods: """["POST"]""");
        for (var i = 0; i < 3; i++)
        {
            using var _ = await Node.Http.PostAsync("counted", new StringContent("x"));
        }

        var metrics = await PrometheusText.ScrapeAsync(Node.Admin);
        Assert.Equal(3, metrics.Value("switchyard_requests_total", "backend=counted", "endpoint=counted", "status=200"));
        Assert.Equal(1, metrics.Value("switchyard_replicas", "backend=counted", "state=running"));
        Assert.Equal(3, metrics.Value("switchyard_request_duration_seconds_bucket", "backend=counted", "endpoint=counted", "le=+Inf"));
    }
}
