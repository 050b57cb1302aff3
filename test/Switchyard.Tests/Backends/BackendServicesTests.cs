using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Runtime.Backends;

namespace Switchyard.Tests.Backends;

public sealed class BackendServicesTests
{
    private static readonly ReplicaContext Context = new() { BackendTag = "b", ReplicaTag = "b#1", NodeId = "n1" };

    private static BackendServices Services() =>
        new(new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).BuildServiceProvider());

    [Theory]
    [InlineData(typeof(ReplicaContext), true)]
    [InlineData(typeof(ILogger), true)]
    [InlineData(typeof(ILogger<BackendServicesTests>), true)]
    [InlineData(typeof(TimeProvider), true)]
    [InlineData(typeof(int), false)]
    [InlineData(typeof(string), false)]
    public void IsService_ParameterType_InjectedOnlyWhenKnown(Type type, bool expected) =>
        Assert.Equal(expected, Services().IsService(type));

    [Fact]
    public void Resolve_Context_IsTheReplicasOwn() =>
        Assert.Same(Context, Services().Resolve(typeof(ReplicaContext), typeof(BackendServicesTests), Context));

    [Fact]
    public void Resolve_PlainLogger_NamedAfterTheBackend()
    {
        var logger = Services().Resolve(typeof(ILogger), typeof(BackendServicesTests), Context);
        Assert.IsAssignableFrom<ILogger>(logger);
    }
}
