namespace Switchyard.Runtime.Client;

/// <summary>How a <see cref="SwitchyardClient"/> reaches a node's Orleans gateway.</summary>
public sealed class SwitchyardClientOptions
{
    /// <summary>The node's gateway port (loopback). Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The node's admin token; required when the node was started with one, null otherwise.</summary>
    public string? AdminToken { get; set; }

    /// <summary>
    /// When the node's links use TLS: the node's certificate (PEM or PKCS#12; the key is not needed), which the
    /// gateway must present, or with <see cref="TlsCaFile"/> a certificate issued by that CA. Null for plain TCP.
    /// </summary>
    public string? TlsCertificateFile { get; set; }

    /// <summary>PEM CA certificates the gateway's certificate must chain to, instead of matching <see cref="TlsCertificateFile"/>.</summary>
    public string? TlsCaFile { get; set; }
}
