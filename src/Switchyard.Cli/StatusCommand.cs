using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Switchyard.Cli;

/// <summary><c>switchyard status</c>: the cluster's nodes, backends and endpoints as tables, as JSON, or redrawn live.</summary>
internal static class StatusCommand
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromSeconds(1);

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the /api/status body as it is." };
        var watch = new Option<bool>("--watch") { Description = "Redraw every second until interrupted (Ctrl+C)." };
        var client = new AdminClientOptions();
        var command = new Command("status", "Show the nodes, backends with their replicas, and endpoints with their weights.") { json, watch };
        client.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            using var admin = client.CreateClient(result);
            var output = result.InvocationConfiguration.Output;
            if (result.GetValue(json))
            {
                await output.WriteLineAsync(await admin.SendAsync(HttpMethod.Get, "api/status", null, cancellationToken));
                return 0;
            }

            var console = Consoles.Create(output);
            if (!result.GetValue(watch))
            {
                console.Write(await FetchAsync(admin, cancellationToken));
                return 0;
            }

            await WatchAsync(admin, console, TimeProvider.System, cancellationToken);
            return 0;
        });
        return command;
    }

    private static async Task<IRenderable> FetchAsync(AdminClient admin, CancellationToken cancellationToken)
    {
        var body = await admin.SendAsync(HttpMethod.Get, "api/status", null, cancellationToken);
        using var document = JsonDocument.Parse(body);
        return StatusView.Render(document.RootElement);
    }

    /// <summary>Redraws until Ctrl+C or SIGTERM; a node that cannot be reached shows as a line and is asked again.</summary>
    private static async Task WatchAsync(AdminClient admin, IAnsiConsole console, TimeProvider time, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        async Task<IRenderable> Frame()
        {
            IRenderable view;
            try
            {
                view = await FetchAsync(admin, stop.Token);
            }
            catch (CommandLineException ex)
            {
                view = new Markup($"[red]{Markup.Escape(ex.Message)}[/]");
            }

            return new Rows(new Markup($"[dim]{time.GetLocalNow():HH:mm:ss} · every {RedrawInterval.TotalSeconds:0}s · Ctrl+C to stop[/]"), view);
        }

        try
        {
            if (console.Profile.Capabilities.Interactive)
            {
                await console.Live(await Frame()).StartAsync(async context =>
                {
                    while (true)
                    {
                        await Task.Delay(RedrawInterval, time, stop.Token);
                        context.UpdateTarget(await Frame());
                    }
                });
            }
            else
            {
                while (true)
                {
                    console.Write(await Frame());
                    console.WriteLine();
                    await Task.Delay(RedrawInterval, time, stop.Token);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Interrupted: the normal way to end a watch.
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
