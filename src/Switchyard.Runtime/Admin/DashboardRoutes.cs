using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Switchyard.Runtime.Admin;

/// <summary>
/// The live dashboard (CONTRACT section 6: <c>GET /</c> and <c>/dashboard</c>): a hand-written page, its stylesheet and
/// script, embedded in this assembly and served by the node itself. A Content-Security-Policy lets the page load and
/// call nothing but its own origin; the page polls <c>/api/status</c> and <c>/api/figures</c> with the admin token.
/// </summary>
internal static class DashboardRoutes
{
    /// <summary>Nothing from elsewhere: scripts, styles and calls only from this origin, no frames, no forms, no plugins.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, Asset> Assets = Load();

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder routes)
    {
        foreach (var (path, asset) in Assets)
        {
            routes.MapMethods(path, [HttpMethods.Get, HttpMethods.Head], context => WriteAsync(context, asset));
        }

        return routes;
    }

    /// <summary>True for a GET or HEAD of the page or one of its assets (they hold no data, so they need no token).</summary>
    public static bool IsAsset(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && request.Path.Value is { } path && Assets.ContainsKey(path);

    private static Task WriteAsync(HttpContext context, Asset asset)
    {
        var response = context.Response;
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(asset.Content, context.RequestAborted).AsTask();
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var page = Read("index.html", "text/html; charset=utf-8");
        return new Dictionary<string, Asset>(StringComparer.Ordinal)
        {
            ["/"] = page,
            ["/dashboard"] = page,
            ["/dashboard/dashboard.css"] = Read("dashboard.css", "text/css; charset=utf-8"),
            ["/dashboard/dashboard.js"] = Read("dashboard.js", "text/javascript; charset=utf-8"),
        }.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static Asset Read(string name, string contentType)
    {
        using var stream = typeof(DashboardRoutes).Assembly.GetManifestResourceStream("Switchyard.Dashboard." + name)
            ?? throw new InvalidOperationException($"the dashboard's '{name}' is not embedded in the node's assembly");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new Asset(copy.ToArray(), contentType);
    }

    private sealed record Asset(byte[] Content, string ContentType);
}
