using System.CommandLine;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Hosting;

namespace Switchyard.Cli;

/// <summary>
/// The options of <c>switchyard start</c>, one per <see cref="SwitchyardNodeOptions"/> property; defaults shown in
/// help are the options' own defaults.
/// </summary>
internal sealed class StartOptions
{
    private static readonly SwitchyardNodeOptions Defaults = new();

    public Option<string> HttpHost { get; } = OptionParsers.Text("--http-host", "ADDRESS", "Address of the HTTP ingress.", Defaults.HttpHost);

    public Option<int> HttpPort { get; } = OptionParsers.Int("--http-port", "Port of the HTTP ingress.", Defaults.HttpPort);

    public Option<string> AdminHost { get; } = OptionParsers.Text("--admin-host", "ADDRESS", "Address of the admin API; a non-loopback address needs an admin token.", Defaults.AdminHost);

    public Option<int> AdminPort { get; } = OptionParsers.Int("--admin-port", "Port of the admin API.", Defaults.AdminPort);

    public Option<string> Config { get; } = OptionParsers.Text("--config", "FILE", "Deployment file (YAML or JSON) applied before the node reports ready.");

    public Option<List<string>> Assembly { get; } = OptionParsers.List("--assembly", "FILE", "Plugin assembly whose backend types become deployable (repeatable).");

    public Option<string> StateDir { get; } = OptionParsers.Text("--state-dir", "DIR", "Folder of the embedded store (single node).", "./" + Defaults.StateDirectory);

    public Option<string> Cluster { get; } = OptionParsers.Text("--cluster", "URL", "Cluster store, e.g. redis://[:PASSWORD@]127.0.0.1:6379/NAME, or rediss://...[?ssl_ca_certs=CA.pem] for TLS; absent: a single node.");

    public Option<string> NodeId { get; } = OptionParsers.Text("--node-id", "NAME", "This node's name.", Defaults.NodeId);

    public Option<int> SiloPort { get; } = OptionParsers.Int("--silo-port", "Orleans silo port.", Defaults.SiloPort);

    public Option<int> GatewayPort { get; } = OptionParsers.Int("--gateway-port", "Orleans gateway port.", Defaults.GatewayPort);

    public Option<double> NumCpus { get; } = OptionParsers.Double("--num-cpus", "CPUs this node offers.", Defaults.NumCpus);

    public Option<int?> NumGpus { get; } = OptionParsers.OptionalInt("--num-gpus", "GPUs this node offers. [default: those nvidia-smi -L lists]");

    public Option<Dictionary<string, double>> Resources { get; } = OptionParsers.Resources("--resources", "Custom resources this node offers, e.g. '{\"accelerator_a\": 2}'.");

    public AdminTokenOptions Token { get; } = new();

    public Option<List<string>> AdminAllowedHosts { get; } = OptionParsers.List("--admin-allowed-hosts", "H1,H2", "Extra Host names the admin port answers, besides loopback names and addresses.");

    public Option<LogFormat> LogFormat { get; } = OptionParsers.Choice<LogFormat>("--log-format", "Console log: readable lines, or one JSON object per line. [default: text]");

    public Option<Uri?> OtlpEndpoint { get; } = OptionParsers.HttpUrl("--otlp-endpoint", "URL", "OTLP/HTTP collector receiving metrics and traces, e.g. http://127.0.0.1:4318; absent: no export.");

    public Option<string> TlsCertificate { get; } = OptionParsers.Text("--tls-certificate", "FILE", "Certificate (PEM or PKCS#12) encrypting silo and gateway links with TLS; every node of a cluster needs it.");

    public Option<string> TlsKey { get; } = OptionParsers.Text("--tls-key", "FILE", "PEM private key of --tls-certificate when it is a separate file.");

    public Option<string> TlsCa { get; } = OptionParsers.Text("--tls-ca", "FILE", "PEM CA certificates peers must chain to; absent: peers must present the same certificate.");

    public void AddTo(Command command)
    {
        Option[] options =
        [
            HttpHost, HttpPort, AdminHost, AdminPort, Config, Assembly, StateDir, Cluster, NodeId, SiloPort, GatewayPort,
            NumCpus, NumGpus, Resources, Token.Token, Token.TokenFile, AdminAllowedHosts, LogFormat, OtlpEndpoint,
            TlsCertificate, TlsKey, TlsCa,
        ];
        foreach (var option in options)
        {
            command.Add(option);
        }
    }

    public SwitchyardNodeOptions Bind(ParseResult result)
    {
        var options = new SwitchyardNodeOptions
        {
            HttpHost = result.GetRequiredValue(HttpHost),
            HttpPort = result.GetValue(HttpPort),
            AdminHost = result.GetRequiredValue(AdminHost),
            AdminPort = result.GetValue(AdminPort),
            ConfigFile = result.GetValue(Config),
            Assemblies = result.GetRequiredValue(Assembly),
            StateDirectory = result.GetRequiredValue(StateDir),
            ClusterUrl = result.GetValue(Cluster),
            NodeId = result.GetRequiredValue(NodeId),
            SiloPort = result.GetValue(SiloPort),
            GatewayPort = result.GetValue(GatewayPort),
            NumCpus = result.GetValue(NumCpus),
            NumGpus = result.GetValue(NumGpus),
            CustomResources = result.GetRequiredValue(Resources),
            AdminAllowedHosts = result.GetRequiredValue(AdminAllowedHosts),
            LogFormat = result.GetValue(LogFormat),
            OtlpEndpoint = result.GetValue(OtlpEndpoint),
            TlsCertificateFile = result.GetValue(TlsCertificate),
            TlsKeyFile = result.GetValue(TlsKey),
            TlsCaFile = result.GetValue(TlsCa),
        };
        Token.ApplyTo(result, options);
        return options;
    }
}
