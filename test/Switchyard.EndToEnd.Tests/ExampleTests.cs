using System.Diagnostics;
using System.Net;

namespace Switchyard.EndToEnd.Tests;

/// <summary>The README's main job and the examples work as documented.</summary>
public sealed class ExampleTests
{
    [Fact]
    public async Task ExampleDeployment_DigitsServedAndRolloutScriptsRunClean()
    {
        var config = Path.Combine(NodeProcess.RepositoryRoot, "examples", "deployment.yaml");
        await using var node = await NodeProcess.StartAsync(extraArgs: ["--config", config]);
        await Eventually.TrueAsync(async () =>
        {
            using var response = await node.Http.PostAsync("digits", new StringContent(await File.ReadAllTextAsync(Path.Combine(NodeProcess.RepositoryRoot, "examples", "digit-3.json"))));
            return response.StatusCode == HttpStatusCode.OK && (await response.JsonAsync())["label"]!.GetValue<int>() == 3;
        }, "the digits endpoint classifying a 3");

        // The README's /v2 example: the same digit through the Open Inference Protocol, asking for the label only.
        using (var infer = await node.Http.PostAsync("v2/models/digits/infer", new StringContent(await File.ReadAllTextAsync(Path.Combine(NodeProcess.RepositoryRoot, "examples", "infer-digit-3.json")))))
        {
            var (header, outputs) = await Oip.OutputsAsync(infer);
            Assert.Equal(("digits", "digits_v1", "digit-3"), (header["model_name"]!.GetValue<string>(), header["model_version"]!.GetValue<string>(), header["id"]!.GetValue<string>()));
            Assert.Equal(["label"], outputs.Keys);
            Assert.Equal(new[] { 3.0 }, outputs["label"].Values);
        }

        // A client that knows only the protocol and Python's standard library.
        var (exitCode, clientOutput) = await RunAsync("python3", Path.Combine(NodeProcess.RepositoryRoot, "examples", "oip_client.py"), "--url", $"http://127.0.0.1:{node.Ports.Http}", "--model", "digits", "--image", Path.Combine(NodeProcess.RepositoryRoot, "examples", "digit-3.json"));
        Assert.True(exitCode == 0, clientOutput);
        Assert.Contains("json:   version digits_v1, label 3", clientOutput, StringComparison.Ordinal);
        Assert.Contains("binary: version digits_v1, label 3", clientOutput, StringComparison.Ordinal);
        Assert.Contains("agreed: label 3", clientOutput, StringComparison.Ordinal);

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

        // Autoscaling and a progressive rollout that succeeds, then one that rolls itself back.
        var (code, progressive) = await RunScriptAsync(node, "progressive-rollout.sh");
        Assert.True(code == 0, $"{progressive}\n{node.Output}");
        Assert.Contains("succeeded: all traffic on digits_v2", progressive, StringComparison.Ordinal);
        Assert.Contains("rolled back: error rate 1 above max_error_rate 0.05", progressive, StringComparison.Ordinal);
        Assert.Contains("traffic back to all digits_v2, exactly as before", progressive, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunScriptAsync(NodeProcess node, string script)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(NodeProcess.RepositoryRoot, "examples", script)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ADMIN"] = $"http://127.0.0.1:{node.Ports.Admin}";
        start.Environment["HTTP"] = $"http://127.0.0.1:{node.Ports.Http}";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
