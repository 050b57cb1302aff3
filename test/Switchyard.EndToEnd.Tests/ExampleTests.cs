using System.Diagnostics;
using System.Net;

namespace Switchyard.EndToEnd.Tests;

/// <summary>The README's main job and the examples work as documented.</summary>
public sealed class ExampleTests
{
    [Fact]
    public async Task ExampleDeployment_DigitsServedAndRolloutScriptRunsClean()
    {
        var config = Path.Combine(NodeProcess.RepositoryRoot, "examples", "deployment.yaml");
        await using var node = await NodeProcess.StartAsync(extraArgs: ["--config", config]);
        await Api.EventuallyAsync(async () =>
        {
            using var response = await node.Http.PostAsync("digits", new StringContent(await File.ReadAllTextAsync(Path.Combine(NodeProcess.RepositoryRoot, "examples", "digit-3.json"))));
            return response.StatusCode == HttpStatusCode.OK && (await response.JsonAsync())["label"]!.GetValue<int>() == 3;
        }, "the digits endpoint classifying a 3");

        var start = new ProcessStartInfo("bash", [Path.Combine(NodeProcess.RepositoryRoot, "examples", "rollout.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ADMIN"] = $"http://127.0.0.1:{node.Ports.Admin}";
        start.Environment["HTTP"] = $"http://127.0.0.1:{node.Ports.Http}";
        using var script = Process.Start(start)!;
        var stdout = script.StandardOutput.ReadToEndAsync();
        var stderr = script.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await script.WaitForExitAsync(timeout.Token);
        Assert.True(script.ExitCode == 0, $"{await stdout}\n{await stderr}\n{node.Output}");
        Assert.Contains("all traffic on v1", await stdout, StringComparison.Ordinal);
    }
}
