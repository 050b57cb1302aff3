using System.Diagnostics;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// A tmpfs mounted on a fresh directory, which can be remounted read-only: the one way found on this machine to make
/// a state directory refuse writes for a process running as root (root ignores permission bits, so chmod is not
/// enough). Needs root with CAP_SYS_ADMIN, as the CI container runs the tests.
/// </summary>
public sealed class TmpfsMount : IAsyncDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    public static async Task<TmpfsMount> CreateAsync()
    {
        var path = Directory.CreateTempSubdirectory("switchyard-tmpfs-").FullName;
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=64m,mode=0700", "tmpfs", path);
        return new TmpfsMount(path);
    }

    public Task ReadOnlyAsync() => RunAsync("mount", "-o", "remount,ro", Path);

    public Task WritableAsync() => RunAsync("mount", "-o", "remount,rw", Path);

    public async ValueTask DisposeAsync()
    {
        await RunAsync("umount", "-l", Path);
        Directory.Delete(Path);
    }

    private static async Task RunAsync(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"'{command} {string.Join(' ', args)}' failed ({process.ExitCode}): {error.Trim()} — this test needs root with CAP_SYS_ADMIN to mount a tmpfs");
    }
}
