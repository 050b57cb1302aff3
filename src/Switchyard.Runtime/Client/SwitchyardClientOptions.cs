namespace Switchyard.Runtime.Client;

/// <summary>How a <see cref="SwitchyardClient"/> reaches a node's Orleans gateway.</summary>
public sealed class SwitchyardClientOptions
{
    /// <summary>The node's gateway port (loopback). Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The node's admin token; required when the node was started with one, null otherwise.</summary>
    public string? AdminToken { get; set; }
}
