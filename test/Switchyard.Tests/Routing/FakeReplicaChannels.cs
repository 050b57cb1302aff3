using System.Collections.Concurrent;
using Switchyard.Runtime.Routing;

namespace Switchyard.Tests.Routing;

/// <summary>Opens a <see cref="FakeReplicaChannel"/> per replica tag and keeps it for the test to program.</summary>
internal sealed class FakeReplicaChannels : IReplicaChannelFactory
{
    private readonly ConcurrentDictionary<string, FakeReplicaChannel> _channels = new(StringComparer.Ordinal);

    public FakeReplicaChannel this[string tag] => _channels.GetOrAdd(tag, _ => new FakeReplicaChannel());

    public IReplicaChannel Open(string replicaTag) => this[replicaTag];
}
