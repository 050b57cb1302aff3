using System.Net;
using Switchyard.Runtime.Cluster;

namespace Switchyard.Runtime.Hosting;

/// <summary>Settings of one Switchyard node (the <c>switchyard start</c> options), validated at start.</summary>
public sealed class SwitchyardNodeOptions
{
    /// <summary>Address of the HTTP ingress. Default <c>127.0.0.1</c>.</summary>
    public string HttpHost { get; set; } = "127.0.0.1";

    /// <summary>Port of the HTTP ingress. Default 8000.</summary>
    public int HttpPort { get; set; } = 8000;

    /// <summary>Address of the admin API. Default <c>127.0.0.1</c>; any other needs <see cref="AdminToken"/>.</summary>
    public string AdminHost { get; set; } = "127.0.0.1";

    /// <summary>Port of the admin API. Default 8265.</summary>
    public int AdminPort { get; set; } = 8265;

    /// <summary>Bearer token every admin call must carry; null for none (loopback only).</summary>
    public string? AdminToken { get; set; }

    /// <summary>Extra <c>Host</c> names (or <c>name:port</c>) the admin port answers besides loopback ones (421 for others).</summary>
    public List<string> AdminAllowedHosts { get; set; } = [];

    /// <summary>
    /// Certificate (PEM, with <see cref="TlsKeyFile"/> or its key inside, or PKCS#12) that encrypts this node's silo and
    /// gateway links with TLS; null for plain TCP. Every node of a cluster needs it (<c>--tls-certificate</c>).
    /// </summary>
    public string? TlsCertificateFile { get; set; }

    /// <summary>The PEM private key of <see cref="TlsCertificateFile"/> when it is a separate file (<c>--tls-key</c>).</summary>
    public string? TlsKeyFile { get; set; }

    /// <summary>
    /// PEM CA certificates peers' certificates must chain to (<c>--tls-ca</c>); null: peers must present the same
    /// certificate as this node.
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

    /// <summary>How long admin calls wait for replicas to settle before answering. Default 60 s.</summary>
    public TimeSpan SettleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Plugin assemblies whose backend types become deployable.</summary>
    public List<string> Assemblies { get; set; } = [];

    /// <summary>A deployment file applied once the node is up; null for none.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>Every problem with these settings, each as one readable line.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        CheckPort(problems, "--http-port", HttpPort);
        CheckPort(problems, "--admin-port", AdminPort);
        CheckPort(problems, "--silo-port", SiloPort);
        CheckPort(problems, "--gateway-port", GatewayPort);
        var ports = new[] { ("--http-port", HttpPort), ("--admin-port", AdminPort), ("--silo-port", SiloPort), ("--gateway-port", GatewayPort) };
        foreach (var group in ports.GroupBy(p => p.Item2).Where(g => g.Count() > 1))
        {
            problems.Add($"{string.Join(" and ", group.Select(p => p.Item1))} are all {group.Key}: each needs its own port");
        }

        CheckHost(problems, "--http-host", HttpHost);
        CheckHost(problems, "--admin-host", AdminHost);
        if (string.IsNullOrEmpty(AdminToken) && !IsLoopback(AdminHost))
        {
            problems.Add($"--admin-host {AdminHost} is not a loopback address: set --admin-token to expose the admin API");
        }

        if (NumCpus < 0 || !double.IsFinite(NumCpus))
        {
            problems.Add($"--num-cpus must be ≥ 0 (got {NumCpus})");
        }

        if (NumGpus < 0)
        {
            problems.Add($"--num-gpus must be ≥ 0 (got {NumGpus})");
        }

        foreach (var (name, amount) in CustomResources.Where(r => r.Value < 0 || !double.IsFinite(r.Value)))
        {
            problems.Add($"--resources {name} must be ≥ 0 (got {amount})");
        }

        if (string.IsNullOrWhiteSpace(NodeId))
        {
            problems.Add("--node-id must not be empty");
        }

        if (ClusterUrl is not null && !ClusterTarget.TryParse(ClusterUrl, out _, out var clusterError))
        {
            problems.Add(clusterError);
        }

        foreach (var assembly in Assemblies.Where(a => !File.Exists(a)))
        {
            problems.Add($"--assembly {assembly}: no such file");
        }

        if (ConfigFile is not null && !File.Exists(ConfigFile))
        {
            problems.Add($"--config {ConfigFile}: no such file");
        }

        CheckFile(problems, "--tls-certificate", TlsCertificateFile);
        CheckFile(problems, "--tls-key", TlsKeyFile);
        CheckFile(problems, "--tls-ca", TlsCaFile);
        if (TlsCertificateFile is null && (TlsKeyFile is not null || TlsCaFile is not null))
        {
            problems.Add("--tls-key and --tls-ca need --tls-certificate");
        }

        if (MaxRequestBodyBytes <= 0)
        {
            problems.Add("the request body limit must be > 0");
        }

        return problems;
    }

    internal static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    private static void CheckPort(List<string> problems, string option, int port)
    {
        if (port is < 1 or > 65535)
        {
            problems.Add($"{option} must be between 1 and 65535 (got {port})");
        }
    }

    private static void CheckFile(List<string> problems, string option, string? file)
    {
        if (file is not null && !File.Exists(file))
        {
            problems.Add($"{option} {file}: no such file");
        }
    }

    private static void CheckHost(List<string> problems, string option, string host)
    {
        if (host != "localhost" && !IPAddress.TryParse(host, out _))
        {
            problems.Add($"{option} '{host}' is not an IP address (or localhost)");
        }
    }
}
