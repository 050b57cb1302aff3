namespace Switchyard.EndToEnd.Tests;

/// <summary>Signals for fault tests: pause and resume (a long GC pause or a stalled VM), exit status.</summary>
public sealed partial class NodeProcess
{
    public int ExitCode => _process.ExitCode;

    /// <summary>SIGSTOP: the process stops answering anything, as a stalled machine would.</summary>
    public void Pause() => Signal(19);

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume() => Signal(18);

    /// <summary>Waits for the process to exit; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Signal(int signal)
    {
        if (SysKill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed");
        }
    }
}
