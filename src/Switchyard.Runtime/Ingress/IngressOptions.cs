namespace Switchyard.Runtime.Ingress;

/// <summary>Settings of the HTTP ingress, set by the host from the node's options.</summary>
internal sealed class IngressOptions
{
    /// <summary>Largest request body the ingress accepts (413 beyond it). Default 16 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest total of request bodies the ingress holds at once (503 beyond it, <see cref="BodyBudget"/>). Default 256 MiB.</summary>
    public long MaxBufferedBodyBytes { get; set; } = 256 * 1024 * 1024;
}
