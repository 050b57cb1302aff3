using System.Net;

namespace Switchyard.EndToEnd.Tests;

/// <summary>The embedded store under faults (issue 8, point 5): a second node on the folder, damaged state files.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StateDirectoryTests
{
    private static string[] StartArgs(string stateDirectory, NodePorts ports) =>
    [
        "start", "--http-port", ports.Http.ToString(), "--admin-port", ports.Admin.ToString(),
        "--silo-port", ports.Silo.ToString(), "--gateway-port", ports.Gateway.ToString(),
        "--state-dir", stateDirectory, "--assembly", NodeProcess.TestBackendsPath,
    ];

    [Fact]
    public async Task SecondNodeOnTheSameFolder_ExitsNamingTheFolderAndTheHolder()
    {
        using var state = new TempDirectory("switchyard-lock-");
        await using var first = await NodeProcess.StartAsync(state.Path);
        await first.DeployAsync("kept", "Echo");

        var (exitCode, _, stderr) = await NodeProcess.RunCliAsync(StartArgs(state.Path, NodePorts.Free()));
        Assert.NotEqual(0, exitCode);
        Assert.Contains(state.Path, stderr, StringComparison.Ordinal);
        Assert.Contains($"pid {first.ProcessId}", stderr, StringComparison.Ordinal);

        using var still = await first.Http.PostAsync("kept", new StringContent("alive"));
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task Folder_ReadableByItsOwnerOnly()
    {
        using var state = new TempDirectory("switchyard-mode-");
        await using var node = await NodeProcess.StartAsync(state.Path);
        await node.DeployAsync("private", "Echo");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(state.Path));
        Assert.All(Directory.GetFiles(state.Path, "*.bin"), f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
    }

    [Fact]
    public async Task TruncatedStateFile_StartsFromThePreviousGoodCopySayingWhichFile()
    {
        using var state = new TempDirectory("switchyard-corrupt-");
        await using (var node = await NodeProcess.StartAsync(state.Path))
        {
            await node.DeployAsync("survivor", "Echo");
            using var second = await node.Admin.PostJsonAsync("api/endpoints", """{"name":"later","backend":"survivor","route":"/later"}""");
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
            Assert.Equal(0, await node.TerminateAsync());
        }

        var file = ControllerFile(state.Path);
        Assert.True(File.Exists(file + ".prev"), "a previous good copy is kept after the second write");
        await TruncateAsync(file);

        await using var restarted = await NodeProcess.StartAsync(state.Path);
        await Eventually.TrueAsync(() => Task.FromResult(restarted.Output.Contains("STATE RECOVERED", StringComparison.Ordinal)), "the node to say loudly that it recovered");
        Assert.Contains(file, restarted.Output, StringComparison.Ordinal);
        Assert.NotNull((await restarted.Admin.GetJsonAsync("api/backends"))["survivor"]);
        Assert.True(File.Exists(file + ".corrupt"), "the bad file is kept for inspection");
    }

    [Fact]
    public async Task DamagedStateFileWithoutGoodCopy_ExitsNamingTheFileAndWhatToDo()
    {
        using var state = new TempDirectory("switchyard-lost-");
        await using (var node = await NodeProcess.StartAsync(state.Path))
        {
            await node.DeployAsync("doomed", "Echo");
            Assert.Equal(0, await node.TerminateAsync());
        }

        var file = ControllerFile(state.Path);
        File.Delete(file + ".prev");
        await TruncateAsync(file);

        var (exitCode, _, stderr) = await NodeProcess.RunCliAsync(StartArgs(state.Path, NodePorts.Free()));
        Assert.NotEqual(0, exitCode);
        Assert.Contains(file, stderr, StringComparison.Ordinal);
        Assert.Contains("Restore it from a backup", stderr, StringComparison.Ordinal);
    }

    private static string ControllerFile(string stateDirectory) =>
        Assert.Single(Directory.GetFiles(stateDirectory, "*.bin"), f => Path.GetFileName(f).Contains("controller", StringComparison.OrdinalIgnoreCase));

    private static async Task TruncateAsync(string file)
    {
        var bytes = await File.ReadAllBytesAsync(file);
        await File.WriteAllBytesAsync(file, bytes[..(bytes.Length / 2)]);
    }
}
