// The baseline for Switchyard's ingress overhead: Kestrel with the same settings as a node's ingress (slim
// builder, no Server header, no logging). POST /echo reads each request body into an array like the ingress does
// and answers a small JSON; GET /hello answers "hello" as text/plain (the no-op GET scenario, and the two apps
// behind nginx in the A/B scenario). Usage: BareKestrel [--port 18080]
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

var port = 18080;
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--port")
    {
        port = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    }
}

var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(IPAddress.Loopback, port);
});

await using var app = builder.Build();
app.MapPost("/echo", async (HttpContext context) =>
{
    var request = context.Request;
    var length = request.ContentLength ?? 0;
    var body = length == 0 ? [] : new byte[length];
    await request.Body.ReadExactlyAsync(body, context.RequestAborted);
    context.Response.ContentType = "application/json; charset=utf-8";
    await context.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{{\"bytes\":{body.Length}}}"), context.RequestAborted);
});
app.MapGet("/hello", () => "hello");
app.MapGet("/healthz", () => "ok");

Console.WriteLine($"bare kestrel listening on http://127.0.0.1:{port}");
await app.RunAsync();
