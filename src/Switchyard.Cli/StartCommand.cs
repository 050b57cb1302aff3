using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Runtime.Hosting;

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
        NodeConsole.Configure(builder.Logging, options.LogFormat);
        builder.AddSwitchyard(options).AddBuiltInBackends();

        await using var app = builder.Build();
        app.MapSwitchyard();
        await app.StartAsync(cancellationToken);
        try
        {
            // Ready means the --config file is applied and routed here: only then is the node announced.
            await app.Services.GetRequiredService<NodeStartup>().Completion.WaitAsync(cancellationToken);
        }
        catch (NodeStartupException ex)
        {
            await app.StopAsync(CancellationToken.None);
            throw new CommandLineException(FlagNames.Replace(ex.Message));
        }

        var console = new NodeConsole(output, options.LogFormat, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(NodeConsole.Category));
        var state = options.ClusterUrl is { } url ? Switchyard.Runtime.Cluster.ClusterTarget.Redact(url) : Path.GetFullPath(options.StateDirectory);
        await console.ReadyAsync(options.NodeId, $"http://{options.HttpHost}:{options.HttpPort}", $"http://{options.AdminHost}:{options.AdminPort}", state);
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
