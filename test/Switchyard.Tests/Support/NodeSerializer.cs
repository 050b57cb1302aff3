using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Switchyard.Runtime.Client;

namespace Switchyard.Tests.Support;

/// <summary>Orleans' serializer configured as a node configures it (contract types through its JSON codec), for round trips in tests.</summary>
internal static class NodeSerializer
{
    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddSerializer(s => s.AddJsonSerializer(isSupported: RuntimeServices.IsContractType))
        .BuildServiceProvider();

    public static Serializer Instance { get; } = Services.GetRequiredService<Serializer>();

    /// <summary>The services behind <see cref="Instance"/> (copiers, codecs).</summary>
    public static IServiceProvider Provider => Services;

    /// <summary>Serialises <paramref name="value"/> and reads it back, as a message between two nodes does.</summary>
    public static T RoundTrip<T>(T value) => Instance.Deserialize<T>(Instance.SerializeToArray(value))!;
}
