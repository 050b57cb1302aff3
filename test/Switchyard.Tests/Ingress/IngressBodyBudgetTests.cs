using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Runtime.Ingress;
using Switchyard.Tests.Hosting;

namespace Switchyard.Tests.Ingress;

/// <summary>The node's body budget through a real node's ingress: routes and /v2 refuse bodies with 503 while it is full, and nothing else.</summary>
public sealed class IngressBodyBudgetTests
{
    [Fact]
    public async Task BudgetFull_BodiesRefused503OnRoutesAndV2_BodylessCallsServedAndBodiesAgainOnceFreed()
    {
        var options = EmbeddedNode.Options("budget", Directory.CreateTempSubdirectory("switchyard-budget-").FullName);
        await using var app = await EmbeddedNode.StartAsync(options, node => node
            .AddBackend("size", (request, _) => ValueTask.FromResult<object?>(request.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        try
        {
            var client = app.Services.GetRequiredService<IServeClient>();
            await client.CreateBackendAsync("size", new BackendSpec { Class = "size" });
            await client.CreateEndpointAsync("size", "size", "/size", ["GET", "POST"]);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{options.HttpPort}/") };
            await EmbeddedNode.WaitForRouteAsync(http, "size");

            var budget = app.Services.GetRequiredService<BodyBudget>();
            using (var within = await http.PostAsync("size", new ByteArrayContent(new byte[100_000])))
            {
                Assert.Equal("100000", await within.Content.ReadAsStringAsync());
            }

            await Eventually.TrueAsync(() => budget.Held == 0, "the answered body's bytes given back to the budget");

            Assert.True(budget.TryTake(budget.Limit - 10)); // what other bodies in flight would hold
            using (var refused = await http.PostAsync("size", new ByteArrayContent(new byte[100])))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.Equal("1", refused.Headers.RetryAfter?.ToString());
                Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
                Assert.Contains($"The node holds its limit of {budget.Limit} bytes of request bodies", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            using (var inference = await http.PostAsync("v2/models/size/infer", new ByteArrayContent(new byte[100])))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, inference.StatusCode);
                Assert.Equal("1", inference.Headers.RetryAfter?.ToString());
                Assert.Contains("\"error\":\"The node holds its limit of", await inference.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            using (var bodyless = await http.GetAsync("size"))
            {
                Assert.Equal("0", await bodyless.Content.ReadAsStringAsync()); // nothing to hold, nothing refused
            }

            Assert.Equal(budget.Limit - 10, budget.Held); // the refused bodies took nothing
            budget.Return(budget.Limit - 10);
            using var again = await http.PostAsync("size", new ByteArrayContent(new byte[100]));
            Assert.Equal("100", await again.Content.ReadAsStringAsync());
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
