using System.CommandLine;
using System.Text.Json;

namespace Switchyard.Cli;

/// <summary><c>switchyard status</c>: the cluster's nodes, backends and endpoints.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the /api/status body as it is." };
        var watch = new Option<bool>("--watch") { Description = "Redraw every second until interrupted." };
        var client = new AdminClientOptions();
        var command = new Command("status", "Show the nodes, backends with their replicas, and endpoints with their weights.") { json, watch };
        client.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            using var admin = client.CreateClient(result);
            var body = await admin.SendAsync(HttpMethod.Get, "api/status", null, cancellationToken);
            var output = result.InvocationConfiguration.Output;
            if (result.GetValue(json))
            {
                await output.WriteLineAsync(body);
                return 0;
            }

            using var document = JsonDocument.Parse(body);
            await output.WriteLineAsync(JsonSerializer.Serialize(document.RootElement, new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        });
        return command;
    }
}
