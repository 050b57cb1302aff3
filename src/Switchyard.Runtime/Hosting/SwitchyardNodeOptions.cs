using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Hosting;

/// <summary>
/// Settings of one Switchyard node (the <c>switchyard start</c> options), validated at start by
/// <see cref="SwitchyardNodeOptionsValidator"/>, which names every problem by property.
/// </summary>
public sealed class SwitchyardNodeOptions
{
    /// <summary>Address of the HTTP ingress. Default <c>127.0.0.1</c>.</summary>
    public string HttpHost { get; set; } = "127.0.0.1";

    /// <summary>Port of the HTTP ingress. Default 8000.</summary>
    public int HttpPort { get; set; } = 8000;

    /// <summary>Address of the admin API. Default <c>127.0.0.1</c>; any other needs an admin token.</summary>
    public string AdminHost { get; set; } = "127.0.0.1";

    /// <summary>Port of the admin API. Default 8265.</summary>
    public int AdminPort { get; set; } = 8265;

    /// <summary>
    /// Bearer token every admin call must carry; null for none (loopback only). Wins over
    /// <see cref="AdminTokenFile"/> when both are set.
    /// </summary>
    public string? AdminToken { get; set; }

    /// <summary>
    /// A file whose first line is the admin token, read once at start when <see cref="AdminToken"/> is null
    /// (unlike a token on the command line, it does not show in the process list). Default none.
    /// </summary>
    public string? AdminTokenFile { get; set; }

    /// <summary>
    /// Extra <c>Host</c> names (without port) the admin port answers, besides loopback names and addresses.
    /// Default none.
    /// </summary>
    public List<string> AdminAllowedHosts { get; set; } = [];

    /// <summary>
    /// Certificate (PEM, with <see cref="TlsKeyFile"/> or its key inside, or PKCS#12) that encrypts this node's silo and
    /// gateway links with TLS; null for plain TCP. Every node of a cluster needs it.
    /// </summary>
    public string? TlsCertificateFile { get; set; }

    /// <summary>The PEM private key of <see cref="TlsCertificateFile"/> when it is a separate file. Default none.</summary>
    public string? TlsKeyFile { get; set; }

    /// <summary>
    /// PEM CA certificates peers' certificates must chain to; null: peers must present the same certificate as this
    /// node. Default none.
    /// </summary>
    public string? TlsCaFile { get; set; }

    /// <summary>Folder of the embedded store. Default <c>./.switchyard</c>.</summary>
    public string StateDirectory { get; set; } = ".switchyard";

    /// <summary>Cluster store URL (e.g. <c>redis://127.0.0.1:6379</c>); null for a single node.</summary>
    public string? ClusterUrl { get; set; }

    /// <summary>This node's name. Default: the machine name.</summary>
    public string NodeId { get; set; } = Environment.MachineName;

    /// <summary>Orleans silo port. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans gateway port (clients connect here). Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>CPUs this node offers. Default: the logical processor count.</summary>
    public double NumCpus { get; set; } = Environment.ProcessorCount;

    /// <summary>GPUs this node offers. Default: those <c>nvidia-smi -L</c> lists (0 without it).</summary>
    public int? NumGpus { get; set; }

    /// <summary>Custom resources this node offers, name to amount.</summary>
    public Dictionary<string, double> CustomResources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Largest request body the ingress accepts. Default 16 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Largest total of request bodies the ingress holds at once, being read or waiting for their answer; a body that
    /// would go past it is refused with 503 and <c>Retry-After</c>. Default 256 MiB; at least <see cref="MaxRequestBodyBytes"/>.
    /// </summary>
    public long MaxBufferedBodyBytes { get; set; } = 256 * 1024 * 1024;

    /// <summary>How long admin calls wait for replicas to settle before answering. Default 60 s.</summary>
    public TimeSpan SettleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Plugin assemblies whose backend types become deployable.</summary>
    public List<string> Assemblies { get; set; } = [];

    /// <summary>A deployment file applied once the node is up; null for none.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>How the node's console log is written. Default <see cref="Diagnostics.LogFormat.Text"/>.</summary>
    public LogFormat LogFormat { get; set; } = LogFormat.Text;

    /// <summary>
    /// Base URL of an OTLP/HTTP collector (e.g. <c>http://127.0.0.1:4318</c>) that receives the node's metrics
    /// and traces (<c>/v1/metrics</c>, <c>/v1/traces</c>); null for no export.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }
}
