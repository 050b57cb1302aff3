using System.Text.RegularExpressions;
using Switchyard.Runtime.Hosting;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Cli;

/// <summary>Maps option property names in messages to what sets them: <c>switchyard start</c> flags, or configuration keys.</summary>
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

    /// <summary>Options the command line has no flags for: bound from configuration (environment variables) by section.</summary>
    private static readonly Dictionary<string, string> Sections = new(StringComparer.Ordinal)
    {
        [nameof(ReplicaOptions)] = ReplicaOptions.Section,
    };

    /// <summary>
    /// Replaces every whole-word property name of <see cref="SwitchyardNodeOptions"/> in <paramref name="message"/> by
    /// its flag; for a property of an options class bound from configuration (<c>ReplicaOptions.StartTimeout</c>) it
    /// adds where that setting comes from.
    /// </summary>
    public static string Replace(string message)
    {
        var settings = new List<string>();
        var replaced = PropertyName().Replace(message, match =>
        {
            var type = match.Groups["type"];
            var property = match.Groups["property"].Value;
            if (!type.Success || type.Value == nameof(SwitchyardNodeOptions))
            {
                return Flags.TryGetValue(property, out var flag) ? flag : match.Value;
            }

            if (Sections.TryGetValue(type.Value, out var section))
            {
                var key = $"{section}:{property}";
                var setting = $"{match.Value} is the setting {key} (environment variable {key.Replace(":", "__", StringComparison.Ordinal)})";
                if (!settings.Contains(setting))
                {
                    settings.Add(setting);
                }
            }

            return match.Value;
        });
        return settings.Count == 0 ? replaced : $"{replaced}; {string.Join("; ", settings)}";
    }

    [GeneratedRegex(@"\b(?:(?<type>[A-Z][A-Za-z]+)\.)?(?<property>[A-Z][A-Za-z]+)\b")]
    private static partial Regex PropertyName();
}
