using System.Text.RegularExpressions;
using Switchyard.Runtime.Hosting;

namespace Switchyard.Cli;

/// <summary>Maps <see cref="SwitchyardNodeOptions"/> property names to the <c>switchyard start</c> flags that set them.</summary>
internal static partial class FlagNames
{
    private static readonly Dictionary<string, string> Flags = new(StringComparer.Ordinal)
    {
        [nameof(SwitchyardNodeOptions.HttpHost)] = "--http-host",
        [nameof(SwitchyardNodeOptions.HttpPort)] = "--http-port",
        [nameof(SwitchyardNodeOptions.AdminHost)] = "--admin-host",
        [nameof(SwitchyardNodeOptions.AdminPort)] = "--admin-port",
        [nameof(SwitchyardNodeOptions.AdminToken)] = "--admin-token",
        [nameof(SwitchyardNodeOptions.AdminTokenFile)] = "--admin-token-file",
        [nameof(SwitchyardNodeOptions.AdminAllowedHosts)] = "--admin-allowed-hosts",
        [nameof(SwitchyardNodeOptions.StateDirectory)] = "--state-dir",
        [nameof(SwitchyardNodeOptions.ClusterUrl)] = "--cluster",
        [nameof(SwitchyardNodeOptions.NodeId)] = "--node-id",
        [nameof(SwitchyardNodeOptions.SiloPort)] = "--silo-port",
        [nameof(SwitchyardNodeOptions.GatewayPort)] = "--gateway-port",
        [nameof(SwitchyardNodeOptions.NumCpus)] = "--num-cpus",
        [nameof(SwitchyardNodeOptions.NumGpus)] = "--num-gpus",
        [nameof(SwitchyardNodeOptions.CustomResources)] = "--resources",
        [nameof(SwitchyardNodeOptions.Assemblies)] = "--assembly",
        [nameof(SwitchyardNodeOptions.ConfigFile)] = "--config",
        [nameof(SwitchyardNodeOptions.LogFormat)] = "--log-format",
        [nameof(SwitchyardNodeOptions.OtlpEndpoint)] = "--otlp-endpoint",
        [nameof(SwitchyardNodeOptions.TlsCertificateFile)] = "--tls-certificate",
        [nameof(SwitchyardNodeOptions.TlsKeyFile)] = "--tls-key",
        [nameof(SwitchyardNodeOptions.TlsCaFile)] = "--tls-ca",
    };

    /// <summary>Replaces every whole-word property name in <paramref name="message"/> by its flag.</summary>
    public static string Replace(string message) =>
        PropertyName().Replace(message, match => Flags.TryGetValue(match.Value, out var flag) ? flag : match.Value);

    [GeneratedRegex(@"\b[A-Z][A-Za-z]+\b")]
    private static partial Regex PropertyName();
}
