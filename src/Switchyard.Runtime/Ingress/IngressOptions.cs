namespace Switchyard.Runtime.Ingress;

/// <summary>Settings of the HTTP ingress, set by the host from the node's options.</summary>
internal sealed class IngressOptions
{
    /// <summary>Largest request body the ingress accepts (413 beyond it). Default 16 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;
}
