using System.Net;

namespace Switchyard.Runtime.Cluster;

/// <summary>
/// Where a cluster keeps its membership and state: <c>redis://HOST:PORT[/CLUSTER]</c>. Nodes given the same
/// URL form one cluster; the optional path names it (default <c>switchyard</c>), so one Redis can hold several.
/// </summary>
internal sealed record ClusterTarget(string RedisConfiguration, string ClusterId, bool IsLoopback)
{
    public static bool TryParse(string url, out ClusterTarget target, out string error)
    {
        target = null!;
        error = string.Empty;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "redis" || string.IsNullOrEmpty(uri.Host))
        {
            error = $"'{url}' is not a redis://HOST:PORT[/CLUSTER] URL";
            return false;
        }

        var clusterId = uri.AbsolutePath.Trim('/');
        if (clusterId.Length == 0)
        {
            clusterId = "switchyard";
        }

        if (!clusterId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            error = $"'{url}': the cluster name '{clusterId}' may hold only letters, digits, '-', '_' and '.'";
            return false;
        }

        var port = uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port;
        var loopback = uri.Host == "localhost" || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));
        target = new ClusterTarget($"{uri.Host}:{port}", clusterId, loopback);
        return true;
    }
}
