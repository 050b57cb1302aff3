using System.Collections.Immutable;

namespace Switchyard.Runtime.Control.Model;

/// <summary>
/// Everything the controller has acknowledged: backends with the replicas it created for them, endpoints with their
/// traffic tables, and the outcomes of recent calls (for idempotent retries). Immutable: a change is a new value,
/// written to the store before it replaces the old one, so memory is never ahead of the store.
/// </summary>
internal sealed record DesiredState
{
    public static DesiredState Empty { get; } = new();

    /// <summary>Backends by name, in name order.</summary>
    public ImmutableSortedDictionary<string, BackendState> Backends { get; init; } = ImmutableSortedDictionary.Create<string, BackendState>(StringComparer.Ordinal);

    /// <summary>Endpoints by name, in name order.</summary>
    public ImmutableSortedDictionary<string, EndpointState> Endpoints { get; init; } = ImmutableSortedDictionary.Create<string, EndpointState>(StringComparer.Ordinal);

    /// <summary>The source of unique replica tags: the last number handed out, never reused.</summary>
    public long NextReplicaId { get; init; }

    /// <summary>Recent successful calls by idempotency key, written in the same store write as their change.</summary>
    public RecentCalls Calls { get; init; } = RecentCalls.Empty;

    public DesiredState WithBackend(string name, BackendState backend) => this with { Backends = Backends.SetItem(name, backend) };

    public DesiredState WithoutBackend(string name) => this with { Backends = Backends.Remove(name) };

    public DesiredState WithEndpoint(string name, EndpointState endpoint) => this with { Endpoints = Endpoints.SetItem(name, endpoint) };

    public DesiredState WithoutEndpoint(string name) => this with { Endpoints = Endpoints.Remove(name) };

    /// <summary>A fresh replica tag for <paramref name="backend"/>, and the state that has handed it out.</summary>
    public (DesiredState State, string Tag) TakeReplicaTag(string backend)
    {
        var id = NextReplicaId + 1;
        return (this with { NextReplicaId = id }, $"{backend}#{id}");
    }
}
