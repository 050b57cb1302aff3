using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Switchyard.EndToEnd.Tests;

/// <summary>The admin port answers only its operator (CONTRACT section 6): Host, Origin and Sec-Fetch-Site checked on a real node.</summary>
public sealed class AdminGuardTests(AdminGuardTests.Fixture fixture) : IClassFixture<AdminGuardTests.Fixture>
{
    private NodeProcess Node => fixture.Node;

    private int Port => Node.Ports.Admin;


    [Theory]
    [InlineData("127.0.0.1:{port}", HttpStatusCode.OK)]
    [InlineData("localhost:{port}", HttpStatusCode.OK)]
    [InlineData("LOCALHOST", HttpStatusCode.OK)]
    [InlineData("[::1]:{port}", HttpStatusCode.OK)]
    [InlineData("127.1.2.3:{port}", HttpStatusCode.OK)]
    [InlineData("admin.internal:{port}", HttpStatusCode.OK)]
    [InlineData("Admin.Internal", HttpStatusCode.OK)]
    [InlineData("ops.example:8443", HttpStatusCode.OK)]
    [InlineData("sub.ops.example", HttpStatusCode.MisdirectedRequest)]
    [InlineData("evil.example", HttpStatusCode.MisdirectedRequest)]
    [InlineData("evil.example:{port}", HttpStatusCode.MisdirectedRequest)]
    [InlineData("127.0.0.1.nip.io:{port}", HttpStatusCode.MisdirectedRequest)]
    [InlineData("10.1.2.3:{port}", HttpStatusCode.MisdirectedRequest)]
    public async Task Host_OnlyLoopbackOrListed(string host, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/status");
        request.Headers.Host = host.Replace("{port}", Port.ToString(), StringComparison.Ordinal);
        using var response = await Node.Admin.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.OK)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [InlineData("Origin", "http://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("Origin", "null", HttpStatusCode.Forbidden)]
    [InlineData("Origin", "http://localhost:{port}", HttpStatusCode.Forbidden)]
    [InlineData("Origin", "https://127.0.0.1:{port}", HttpStatusCode.Forbidden)]
    [InlineData("Origin", "http://127.0.0.1:{port}", HttpStatusCode.BadRequest)]
    [InlineData("Sec-Fetch-Site", "cross-site", HttpStatusCode.Forbidden)]
    [InlineData("Sec-Fetch-Site", "same-site", HttpStatusCode.Forbidden)]
    [InlineData("Sec-Fetch-Site", "same-origin", HttpStatusCode.BadRequest)]
    [InlineData("Sec-Fetch-Site", "none", HttpStatusCode.BadRequest)]
    public async Task BrowserRequest_FromAnotherSiteRefused_FromItsOwnOriginPassesTheGuard(string header, string value, HttpStatusCode expected)
    {
        // An empty object is an invalid backend: 400 shows the request got past the guard and changed nothing.
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/backends") { Content = new StringContent("{}", Encoding.UTF8, "text/plain") };
        request.Headers.TryAddWithoutValidation(header, value.Replace("{port}", Port.ToString(), StringComparison.Ordinal));
        using var response = await Node.Admin.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task SimpleCrossSiteDeploy_Refused_StateUnchanged()
    {
        await Node.DeployAsync("keep", "Echo");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/deploy") { Content = new StringContent("backends: {}", Encoding.UTF8, "text/plain") };
        request.Headers.TryAddWithoutValidation("Origin", "http://evil.example");
        using var response = await Node.Admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotNull((await Node.Admin.GetJsonAsync("api/backends"))["keep"]);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task ScriptWithoutOrigin_AnyContentType_Works(string? contentType)
    {
        var name = $"script{Math.Abs((contentType ?? "none").GetHashCode(StringComparison.Ordinal))}";
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes($$"""{"name":"{{name}}","class":"Echo"}"""));
        if (contentType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await Node.Admin.PostAsync("api/backends", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task UnknownRouteAndWrongMethod_ProblemJson()
    {
        using var unknown = await Node.Admin.GetAsync("api/nothing");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        using var wrong = await Node.Admin.DeleteAsync("api/status");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>One node for the class (each test would otherwise start its own).</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public NodeProcess Node { get; private set; } = null!;

        public async Task InitializeAsync() => Node = await NodeProcess.StartAsync(extraArgs: ["--admin-allowed-hosts", "admin.internal,ops.example"]);

        public async Task DisposeAsync() => await Node.DisposeAsync();
    }
}
