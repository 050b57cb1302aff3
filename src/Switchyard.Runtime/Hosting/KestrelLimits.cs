using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Switchyard.Runtime.Hosting;

/// <summary>
/// Kestrel's limits on both ports, each set on purpose rather than left to a default, so a slow or hostile sender
/// holds a connection briefly and costs little (docs/security.md lists them).
/// </summary>
internal static class KestrelLimits
{
    /// <summary>A body must keep arriving at this rate once the grace period is over, or the request ends with 408.</summary>
    public static MinDataRate MinRequestBodyDataRate { get; } = new(bytesPerSecond: 1024, gracePeriod: TimeSpan.FromSeconds(5));

    /// <summary>A caller must read answers at this rate, or the connection is closed.</summary>
    public static MinDataRate MinResponseDataRate { get; } = new(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));

    /// <summary>All request headers must arrive within this time of the connection's first byte.</summary>
    public static TimeSpan RequestHeadersTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>An idle keep-alive connection is closed after this long.</summary>
    public static TimeSpan KeepAliveTimeout { get; } = TimeSpan.FromSeconds(60);

    public static void Apply(KestrelServerLimits limits, long maxRequestBodyBytes)
    {
        // Kestrel counts connections per port; one past the limit is closed as soon as it is accepted, so its
        // descriptor comes back at once. Unknown open-file limit (not Linux): Kestrel's default, no limit.
        var perPort = ConnectionBudget.OpenFileLimit() is { } files ? ConnectionBudget.PerPort(files) : (long?)null;
        limits.MaxConcurrentConnections = perPort;
        limits.MaxConcurrentUpgradedConnections = perPort;
        limits.MaxRequestBodySize = maxRequestBodyBytes;
        limits.MinRequestBodyDataRate = MinRequestBodyDataRate;
        limits.MinResponseDataRate = MinResponseDataRate;
        limits.RequestHeadersTimeout = RequestHeadersTimeout;
        limits.KeepAliveTimeout = KeepAliveTimeout;
        limits.MaxRequestHeadersTotalSize = 32 * 1024;
        limits.MaxRequestHeaderCount = 100;
        limits.MaxRequestLineSize = 8 * 1024;
        limits.Http2.MaxStreamsPerConnection = 100;
    }
}
