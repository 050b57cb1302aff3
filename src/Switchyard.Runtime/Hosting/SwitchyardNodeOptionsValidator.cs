using System.Net;
using Switchyard.Runtime.Cluster;
using Switchyard.Runtime.Ingress;
using Microsoft.Extensions.Options;

namespace Switchyard.Runtime.Hosting;

/// <summary>
/// Checks <see cref="SwitchyardNodeOptions"/> at start and reports every problem at once, each naming the
/// property it concerns (the command line maps those names to its flags).
/// </summary>
internal sealed class SwitchyardNodeOptionsValidator : IValidateOptions<SwitchyardNodeOptions>
{
    public ValidateOptionsResult Validate(string? name, SwitchyardNodeOptions options)
    {
        var problems = Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Every problem with <paramref name="options"/>, each as one readable line; empty when valid.</summary>
    public static IReadOnlyList<string> Problems(SwitchyardNodeOptions options)
    {
        var problems = new List<string>();
        var ports = new[]
        {
            (nameof(options.HttpPort), options.HttpPort),
            (nameof(options.AdminPort), options.AdminPort),
            (nameof(options.SiloPort), options.SiloPort),
            (nameof(options.GatewayPort), options.GatewayPort),
        };
        foreach (var (property, port) in ports.Where(p => p.Item2 is < 1 or > 65535))
        {
            problems.Add($"{property} must be between 1 and 65535 (got {port})");
        }

        foreach (var group in ports.GroupBy(p => p.Item2).Where(g => g.Count() > 1))
        {
            problems.Add($"{string.Join(" and ", group.Select(p => p.Item1))} are all {group.Key}: each needs its own port");
        }

        CheckHost(problems, nameof(options.HttpHost), options.HttpHost);
        CheckHost(problems, nameof(options.AdminHost), options.AdminHost);
        CheckToken(problems, options);
        foreach (var host in options.AdminAllowedHosts.Where(h => Uri.CheckHostName(h) == UriHostNameType.Unknown))
        {
            problems.Add($"{nameof(options.AdminAllowedHosts)} '{host}' is not a host name or address");
        }

        if (options.NumCpus < 0 || !double.IsFinite(options.NumCpus))
        {
            problems.Add($"{nameof(options.NumCpus)} must be ≥ 0 (got {options.NumCpus})");
        }

        if (options.NumGpus < 0)
        {
            problems.Add($"{nameof(options.NumGpus)} must be ≥ 0 (got {options.NumGpus})");
        }

        foreach (var (resource, amount) in options.CustomResources.Where(r => r.Value < 0 || !double.IsFinite(r.Value)))
        {
            problems.Add($"{nameof(options.CustomResources)} {resource} must be ≥ 0 (got {amount})");
        }

        if (string.IsNullOrWhiteSpace(options.NodeId))
        {
            problems.Add($"{nameof(options.NodeId)} must not be empty");
        }

        ClusterTarget? target = null;
        if (options.ClusterUrl is not null && !ClusterTarget.TryParse(options.ClusterUrl, out target, out var clusterError))
        {
            problems.Add($"{nameof(options.ClusterUrl)} {clusterError}");
        }
        else if (target?.CaFile is { } caFile)
        {
            try
            {
                RedisConnection.LoadAuthorities(caFile);
            }
            catch (InvalidOperationException ex)
            {
                problems.Add($"{nameof(options.ClusterUrl)} {ex.Message}");
            }
        }

        foreach (var assembly in options.Assemblies.Where(a => !File.Exists(a)))
        {
            problems.Add($"{nameof(options.Assemblies)} {assembly}: no such file");
        }

        if (options.ConfigFile is not null && !File.Exists(options.ConfigFile))
        {
            problems.Add($"{nameof(options.ConfigFile)} {options.ConfigFile}: no such file");
        }

        foreach (var (property, file) in new[] { (nameof(options.TlsCertificateFile), options.TlsCertificateFile), (nameof(options.TlsKeyFile), options.TlsKeyFile), (nameof(options.TlsCaFile), options.TlsCaFile) })
        {
            if (file is not null && !File.Exists(file))
            {
                problems.Add($"{property} {file}: no such file");
            }
        }

        if (options.TlsCertificateFile is null && (options.TlsKeyFile is not null || options.TlsCaFile is not null))
        {
            problems.Add($"{nameof(options.TlsKeyFile)} and {nameof(options.TlsCaFile)} need {nameof(options.TlsCertificateFile)}");
        }

        if (options.OtlpEndpoint is { } otlp && (!otlp.IsAbsoluteUri || otlp.Scheme is not ("http" or "https")))
        {
            problems.Add($"{nameof(options.OtlpEndpoint)} '{otlp}' is not an http(s) URL");
        }

        if (!Enum.IsDefined(options.LogFormat))
        {
            problems.Add($"{nameof(options.LogFormat)} must be text or json (got {options.LogFormat})");
        }

        problems.AddRange(IngressOptionsValidator.Problems(options.MaxRequestBodyBytes, options.MaxBufferedBodyBytes, prefix: ""));

        if (options.SettleTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(options.SettleTimeout)} must be > 0 (got {options.SettleTimeout})");
        }

        return problems;
    }

    /// <summary>
    /// The admin token in force: <see cref="SwitchyardNodeOptions.AdminToken"/>, else the first line of
    /// <see cref="SwitchyardNodeOptions.AdminTokenFile"/>; null for none.
    /// </summary>
    public static string? EffectiveToken(SwitchyardNodeOptions options, out string? problem)
    {
        problem = null;
        if (!string.IsNullOrEmpty(options.AdminToken))
        {
            if (string.IsNullOrWhiteSpace(options.AdminToken))
            {
                problem = $"{nameof(options.AdminToken)} is only white space; a token must have other characters";
            }

            return options.AdminToken;
        }

        if (options.AdminTokenFile is not { } file)
        {
            return null;
        }

        try
        {
            var token = File.ReadLines(file).FirstOrDefault()?.Trim();
            if (string.IsNullOrEmpty(token))
            {
                problem = $"{nameof(options.AdminTokenFile)} {file}: the first line is empty; it must hold the token";
            }

            return token;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"{nameof(options.AdminTokenFile)} {file}: cannot be read ({ex.Message})";
            return null;
        }
    }

    internal static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    private static void CheckToken(List<string> problems, SwitchyardNodeOptions options)
    {
        var token = EffectiveToken(options, out var problem);
        if (problem is not null)
        {
            problems.Add(problem);
        }
        else if (string.IsNullOrEmpty(token) && !IsLoopback(options.AdminHost))
        {
            problems.Add($"{nameof(options.AdminHost)} {options.AdminHost} is not a loopback address: set {nameof(options.AdminToken)} or {nameof(options.AdminTokenFile)} to expose the admin API");
        }
    }

    private static void CheckHost(List<string> problems, string property, string host)
    {
        if (host != "localhost" && !IPAddress.TryParse(host, out _))
        {
            problems.Add($"{property} '{host}' is not an IP address (or localhost)");
        }
    }
}
