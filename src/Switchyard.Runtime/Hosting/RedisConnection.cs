using System.Net;
using StackExchange.Redis;
using Switchyard.Runtime.Cluster;

namespace Switchyard.Runtime.Hosting;

/// <summary>How a node connects to its cluster's Redis: credentials and TLS from the URL.</summary>
internal static class RedisConnection
{
    public static ConfigurationOptions Options(ClusterTarget cluster)
    {
        var options = new ConfigurationOptions
        {
            User = cluster.User,
            Password = cluster.Password,
            Ssl = cluster.UseTls,
            SslHost = cluster.UseTls ? cluster.Host : null,
        };
        options.EndPoints.Add(IPAddress.TryParse(cluster.Host, out var address) ? new IPEndPoint(address, cluster.Port) : new DnsEndPoint(cluster.Host, cluster.Port));
        return options;
    }
}
