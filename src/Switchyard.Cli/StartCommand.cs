using System.CommandLine;
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
    public static Command Create()
    {
        var options = new StartOptions();
        var command = new Command("start", "Run a node: an Orleans silo, the HTTP ingress and the admin API.");
        options.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(options.Bind(result), result.InvocationConfiguration.Output, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(SwitchyardNodeOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var problems = SwitchyardNodeOptionsValidator.Problems(options);
        if (problems.Count > 0)
        {
            throw new CommandLineException(FlagNames.Replace(string.Join("; ", problems)));
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
        var state = options.ClusterUrl ?? Path.GetFullPath(options.StateDirectory);
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
}
