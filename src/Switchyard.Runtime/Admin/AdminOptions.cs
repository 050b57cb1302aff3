namespace Switchyard.Runtime.Admin;

/// <summary>Settings of the admin API, set by the host from the node's options.</summary>
internal sealed class AdminOptions
{
    /// <summary>Largest admin request body (a deployment file, a backend spec). Default 1 MiB; beyond it 413.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Bearer token every admin call must carry; null or empty for none.</summary>
    public string? Token { get; set; }

    /// <summary>
    /// <c>Host</c> names (or <c>name:port</c>) the admin port answers besides loopback names and addresses; any other
    /// <c>Host</c> gets 421, which defeats DNS rebinding.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; set; } = [];
}
