using System.Net;

namespace Switchyard.Runtime.Cluster;

/// <summary>
/// Where a cluster keeps its membership and state: <c>redis://[[USER]:PASSWORD@]HOST[:PORT][/CLUSTER]</c>, or
/// <c>rediss://…</c> for Redis over TLS, whose certificate must chain to the system's roots or, with
/// <c>?ssl_ca_certs=FILE</c> (redis-py's name), to the PEM certificates in that file. Nodes given the same URL form
/// one cluster; the optional path names it (default <c>switchyard</c>), so one Redis can hold several. The password
/// is kept out of <see cref="Redacted"/>, which is the only form of the URL that may be printed or logged.
/// </summary>
internal sealed record ClusterTarget(string Host, int Port, string? User, string? Password, bool UseTls, string ClusterId, bool IsLoopback, string? CaFile = null)
{
    /// <summary>The query parameter naming the CA file of a <c>rediss://</c> URL.</summary>
    public const string CaParameter = "ssl_ca_certs";

    /// <summary>The URL with its password replaced by <c>***</c>.</summary>
    public string Redacted =>
        $"{(UseTls ? "rediss" : "redis")}://{(Password is null ? "" : $"{User}:***@")}{Host}:{Port}/{ClusterId}{(CaFile is null ? "" : $"?{CaParameter}={CaFile}")}";

    /// <summary>The URL as the user may see it: the password masked even when the URL does not parse.</summary>
    public static string Redact(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var at = url.LastIndexOf('@');
        if (scheme < 0 || at < scheme)
        {
            return url;
        }

        var userInfo = url[(scheme + 3)..at];
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var user = colon < 0 ? string.Empty : userInfo[..colon];
        return $"{url[..(scheme + 3)]}{user}:***{url[at..]}";
    }

    public static bool TryParse(string url, out ClusterTarget target, out string error)
    {
        target = null!;
        error = string.Empty;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss") || string.IsNullOrEmpty(uri.Host))
        {
            error = $"'{Redact(url)}' is not a redis://[[USER]:PASSWORD@]HOST[:PORT][/CLUSTER] (or rediss://) URL";
            return false;
        }

        var clusterId = uri.AbsolutePath.Trim('/');
        if (clusterId.Length == 0)
        {
            clusterId = "switchyard";
        }

        if (!clusterId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            error = $"'{Redact(url)}': the cluster name '{clusterId}' may hold only letters, digits, '-', '_' and '.'";
            return false;
        }

        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var rawUser = colon < 0 ? string.Empty : uri.UserInfo[..colon];
            var rawPassword = colon < 0 ? uri.UserInfo : uri.UserInfo[(colon + 1)..];
            user = rawUser.Length == 0 ? null : Uri.UnescapeDataString(rawUser);
            password = Uri.UnescapeDataString(rawPassword);
        }

        if (ReadQuery(uri, url, out var caFile) is { } queryError)
        {
            error = queryError;
            return false;
        }

        if (caFile is not null && uri.Scheme != "rediss")
        {
            error = $"'{Redact(url)}': {CaParameter} is for Redis over TLS; use rediss://";
            return false;
        }

        var host = uri.IdnHost.Trim('[', ']');
        var port = uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port;
        var loopback = host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
        target = new ClusterTarget(host, port, user, password, uri.Scheme == "rediss", clusterId, loopback, caFile);
        return true;
    }

    /// <summary>Only <c>ssl_ca_certs</c> may be given: an unknown or repeated parameter is a typo nobody should find later.</summary>
    private static string? ReadQuery(Uri uri, string url, out string? caFile)
    {
        caFile = null;
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return null;
        }

        foreach (var pair in query.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (name != CaParameter)
            {
                return $"'{Redact(url)}': '{name}' is not a known parameter (known: {CaParameter})";
            }

            if (caFile is not null || value.Length == 0)
            {
                return $"'{Redact(url)}': give {CaParameter} once, with the path of a PEM file";
            }

            caFile = value;
        }

        return null;
    }

    /// <summary>Never prints the password, whatever record printing is asked for.</summary>
    public override string ToString() => Redacted;
}
