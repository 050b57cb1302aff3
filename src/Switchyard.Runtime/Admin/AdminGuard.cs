using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Switchyard.Runtime.Ingress;

namespace Switchyard.Runtime.Admin;

/// <summary>
/// Lets only the operator drive the admin port (CONTRACT section 6), checked in this order:
/// a <c>Host</c> that is a loopback name or address or listed in <see cref="AdminOptions.AllowedHosts"/> (else 421,
/// which defeats DNS rebinding); no browser request from another origin: an <c>Origin</c> other than the admin's own, or
/// <c>Sec-Fetch-Site</c> <c>cross-site</c>/<c>same-site</c> (else 403, so a web page the operator opens cannot post
/// to it, even a "simple" request that needs no preflight); the bearer token when one is set (else 401), except for
/// the dashboard's static page and assets, which carry no data.
/// Clients that are not browsers send neither <c>Origin</c> nor <c>Sec-Fetch-Site</c> and pass with any content type.
/// </summary>
internal sealed class AdminGuard
{
    private readonly RequestDelegate _next;
    private readonly HashSet<string> _allowedHosts;
    private readonly byte[]? _expectedAuthorization;

    public AdminGuard(RequestDelegate next, IOptions<AdminOptions> options)
    {
        _next = next;
        _allowedHosts = new HashSet<string>(options.Value.AllowedHosts.Select(h => h.Trim()).Where(h => h.Length > 0), StringComparer.OrdinalIgnoreCase);
        _expectedAuthorization = string.IsNullOrEmpty(options.Value.Token) ? null : Encoding.UTF8.GetBytes("Bearer " + options.Value.Token);
    }

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsAllowedHost(request.Host))
        {
            return ProblemWriter.WriteAsync(context, 421, "Misdirected Request",
                $"The admin API answers only requests addressed to a loopback name or address or to a host listed with --admin-allowed-hosts, not '{TextExcerpt.Shorten(request.Host.Value)}'.");
        }

        if (CrossSite(request) is { } reason)
        {
            return ProblemWriter.WriteAsync(context, 403, "Forbidden",
                $"The admin API refuses browser requests from other sites ({reason}); use the CLI, curl or the dashboard it serves itself.");
        }

        // The dashboard's page and assets hold no data: a browser loads them without the token, then the page asks for it.
        if (_expectedAuthorization is { } expected && !DashboardRoutes.IsAsset(request) && !HasToken(request, expected))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return ProblemWriter.WriteAsync(context, 401, "Unauthorized", "This admin API needs 'Authorization: Bearer TOKEN' with the node's admin token.");
        }

        return _next(context);
    }

    internal bool IsAllowedHost(HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }

        var name = host.Host;
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)))
        {
            return true;
        }

        return _allowedHosts.Contains(name) || _allowedHosts.Contains(host.Value);
    }

    /// <summary>Why the request is a browser's from another site, or null when it is not.</summary>
    internal static string? CrossSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Equals("cross-site", StringComparison.OrdinalIgnoreCase) || site.Equals("same-site", StringComparison.OrdinalIgnoreCase))
        {
            return $"Sec-Fetch-Site: {site}";
        }

        var origins = request.Headers.Origin;
        if (origins.Count == 0)
        {
            return null;
        }

        var own = $"{request.Scheme}://{request.Host.Value}";
        foreach (var origin in origins)
        {
            if (!string.Equals(origin, own, StringComparison.OrdinalIgnoreCase))
            {
                return $"Origin: {TextExcerpt.Shorten(origin)}";
            }
        }

        return null;
    }

    private static bool HasToken(HttpRequest request, byte[] expected)
    {
        var given = Encoding.UTF8.GetBytes(request.Headers.Authorization.ToString());
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
