using System.Net;
using System.Net.Http.Headers;

namespace Switchyard.EndToEnd.Tests;

/// <summary>With a token, every admin call needs it (401), after the Host check (421).</summary>
public sealed class AdminTokenTests(AdminTokenTests.Fixture fixture) : IClassFixture<AdminTokenTests.Fixture>
{
    private const string Token = "e2e-token";
    private NodeProcess Node => fixture.Node;


    [Theory]
    [InlineData(null, "127.0.0.1", HttpStatusCode.Unauthorized)]
    [InlineData("wrong", "127.0.0.1", HttpStatusCode.Unauthorized)]
    [InlineData(Token, "127.0.0.1", HttpStatusCode.OK)]
    [InlineData(Token, "evil.example", HttpStatusCode.MisdirectedRequest)]
    public async Task EveryCall_NeedsTheToken(string? token, string host, HttpStatusCode expected)
    {
        foreach (var path in new[] { "api/status", "api/backends", "metrics" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = $"{host}:{Node.Ports.Admin}";
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await Node.Admin.SendAsync(request);
            Assert.Equal(expected, response.StatusCode);
        }
    }

    /// <summary>One node for the class (each test would otherwise start its own).</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public NodeProcess Node { get; private set; } = null!;

        public async Task InitializeAsync() => Node = await NodeProcess.StartAsync(extraArgs: ["--admin-token", Token]);

        public async Task DisposeAsync() => await Node.DisposeAsync();
    }
}
