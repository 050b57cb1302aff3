using System.CommandLine;
using System.Text;
using System.Text.Json;
using Switchyard.Runtime.Specs;

namespace Switchyard.Cli;

/// <summary><c>switchyard deploy FILE</c>: makes the cluster match a deployment file.</summary>
internal static class DeployCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "Deployment file (YAML or JSON); relative paths in init args resolve against its folder." };
        var client = new AdminClientOptions();
        var command = new Command("deploy", "Apply a deployment file: create, update and delete backends and endpoints to match it.") { file };
        client.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(result.GetRequiredValue(file), client, result, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string file, AdminClientOptions options, ParseResult result, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            throw new CommandLineException($"{file}: no such file");
        }

        JsonElement json;
        try
        {
            json = DeploymentFile.Load(file);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new CommandLineException($"{file}: not valid YAML or JSON: {ex.Message}");
        }

        using var client = options.CreateClient(result);
        using var content = new StringContent(json.GetRawText(), Encoding.UTF8, "application/json");
        string body;
        try
        {
            body = await client.SendAsync(HttpMethod.Post, "api/deploy", content, cancellationToken);
        }
        catch (CommandLineException ex)
        {
            throw new CommandLineException($"{file}: {ex.Message}");
        }

        await result.InvocationConfiguration.Output.WriteLineAsync(body);
        return 0;
    }
}
