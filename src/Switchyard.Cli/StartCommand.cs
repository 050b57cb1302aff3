using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Runtime.Hosting;
using Switchyard.Runtime.Specs;

namespace Switchyard.Cli;

/// <summary><c>switchyard start</c>: runs a node until Ctrl+C or SIGTERM.</summary>
internal static class StartCommand
{
    public static async Task<int> RunAsync(CommandLine line, TextWriter output, CancellationToken cancellationToken)
    {
        if (line.Arguments.Count > 0)
        {
            throw new CommandLineException($"'start' takes no arguments (got '{line.Arguments[0]}')");
        }

        var options = ReadOptions(line);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new CommandLineException(string.Join("; ", problems));
        }

        PortCheck.EnsureFree(options.HttpHost, options.HttpPort, "--http-port");
        PortCheck.EnsureFree(options.AdminHost, options.AdminPort, "--admin-port");
        var siloHost = options.ClusterUrl is null ? "127.0.0.1" : "0.0.0.0";
        PortCheck.EnsureFree(siloHost, options.SiloPort, "--silo-port");
        PortCheck.EnsureFree(siloHost, options.GatewayPort, "--gateway-port");

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.AddSwitchyard(options).AddBuiltInBackends();

        await using var app = builder.Build();
        app.MapSwitchyard();
        await app.StartAsync(cancellationToken);
        var state = options.ClusterUrl is { } url ? Switchyard.Runtime.Cluster.ClusterTarget.Redact(url) : Path.GetFullPath(options.StateDirectory);
        await output.WriteLineAsync(
            $"switchyard node '{options.NodeId}' listening: ingress http://{options.HttpHost}:{options.HttpPort}, admin http://{options.AdminHost}:{options.AdminPort}, state {state}");

        if (options.ConfigFile is { } file)
        {
            var client = app.Services.GetRequiredService<IServeClient>();
            var json = DeploymentFile.Load(file);
            var parseProblems = new Problems();
            var deployment = SpecReader.ReadDeployment(json, parseProblems);
            if (parseProblems.Any)
            {
                await app.StopAsync(CancellationToken.None);
                throw new CommandLineException($"--config {file}: {parseProblems}");
            }

            try
            {
                var result = await client.DeployAsync(deployment, cancellationToken);
                await output.WriteLineAsync($"applied {file}: {JsonSerializer.Serialize(result)}");
            }
            catch (ServeException ex)
            {
                await app.StopAsync(CancellationToken.None);
                throw new CommandLineException($"--config {file}: {ex.Message}");
            }
        }

        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    internal static SwitchyardNodeOptions ReadOptions(CommandLine line)
    {
        var options = new SwitchyardNodeOptions();
        options.HttpHost = line.Get("--http-host") ?? options.HttpHost;
        options.HttpPort = line.GetInt("--http-port") ?? options.HttpPort;
        options.AdminHost = line.Get("--admin-host") ?? options.AdminHost;
        options.AdminPort = line.GetInt("--admin-port") ?? options.AdminPort;
        options.AdminToken = line.Get("--admin-token");
        options.StateDirectory = line.Get("--state-dir") ?? options.StateDirectory;
        options.ClusterUrl = line.Get("--cluster");
        options.NodeId = line.Get("--node-id") ?? options.NodeId;
        options.SiloPort = line.GetInt("--silo-port") ?? options.SiloPort;
        options.GatewayPort = line.GetInt("--gateway-port") ?? options.GatewayPort;
        options.NumCpus = line.GetDouble("--num-cpus") ?? options.NumCpus;
        options.NumGpus = line.GetInt("--num-gpus");
        options.ConfigFile = line.Get("--config");
        options.Assemblies.AddRange(line.GetAll("--assembly"));
        options.AdminAllowedHosts.AddRange(line.GetAll("--admin-allowed-hosts").SelectMany(h => h.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        options.TlsCertificateFile = line.Get("--tls-certificate");
        options.TlsKeyFile = line.Get("--tls-key");
        options.TlsCaFile = line.Get("--tls-ca");
        if (line.Get("--resources") is { } resources)
        {
            try
            {
                options.CustomResources = JsonSerializer.Deserialize<Dictionary<string, double>>(resources)
                    ?? throw new CommandLineException("--resources must be a JSON object of name to amount");
            }
            catch (JsonException)
            {
                throw new CommandLineException($"--resources must be a JSON object of name to amount, like '{{\"accelerator_a\": 2}}' (got '{resources}')");
            }
        }

        return options;
    }
}
