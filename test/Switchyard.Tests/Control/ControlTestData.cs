using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Runtime.Backends;
using Switchyard.Runtime.Control.Commands;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Replicas;
using Switchyard.TestBackends;

namespace Switchyard.Tests.Control;

/// <summary>Desired states, specs and statuses for the controller's pure parts.</summary>
internal static class ControlTestData
{
    /// <summary>The real check over a catalog of some test backends.</summary>
    public static IBackendCheck Check { get; } = new CatalogBackendCheck(
        new BackendCatalog([BackendRegistration.ForType(typeof(Echo)), BackendRegistration.ForType(typeof(Greeter)), BackendRegistration.ForType(typeof(BatchEcho))]),
        new BackendActivator(new ServiceCollection().AddLogging().BuildServiceProvider()));

    public static BackendSpec Echo(int replicas = 1, double cpus = 0) =>
        new() { Class = nameof(TestBackends.Echo), Config = new BackendConfig { NumReplicas = replicas }, Resources = new BackendResources { NumCpus = cpus } };

    public static JsonElement J(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static ReplicaEntry Entry(string tag, string? node = "n1", int generation = 0, bool draining = false) =>
        new(tag, generation, node, [], draining);

    public static DesiredState WithBackend(this DesiredState state, string name, BackendSpec spec, params ReplicaEntry[] replicas) =>
        state.WithBackend(name, new BackendState(spec, 0, [.. replicas]));

    public static Dictionary<string, ReplicaStatus> Statuses(params (string Tag, ReplicaState State)[] statuses) =>
        statuses.ToDictionary(s => s.Tag, s => ReplicaStatus.Adopted with { State = s.State, StartRequested = true }, StringComparer.Ordinal);

    /// <summary>Applies an accepted transition, failing the test when it was rejected.</summary>
    public static DesiredState Accepted(Transition transition)
    {
        Assert.True(transition.Accepted, $"rejected: {transition.Outcome.Status} {string.Join("; ", transition.Outcome.Errors)}");
        return transition.Next!;
    }

    public static ImmutableList<ReplicaEntry> ReplicasOf(this DesiredState state, string backend) => state.Backends[backend].Replicas;
}
