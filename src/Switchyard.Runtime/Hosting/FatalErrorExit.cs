using Microsoft.Extensions.Logging;
using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Hosting;

/// <summary>
/// What a cluster node does when Orleans meets an error it cannot go on from, above all learning that its peers
/// declared it dead (it stopped answering their probes, e.g. while paused): it says so in one line and ends the
/// process at once with a non-zero status (SIGABRT, 134), so that its supervisor starts it again as a fresh member.
/// Orleans' own handler does the same after waiting two seconds for logs to flush.
/// </summary>
internal sealed class FatalErrorExit(ILogger<FatalErrorExit> logger) : IFatalErrorHandler
{
    public bool IsUnexpected(Exception exception) => true;

    public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null)
    {
        var reason = context ?? exception?.Message ?? "a fatal error in the Orleans runtime";
        if (reason.Contains("I am dead", StringComparison.OrdinalIgnoreCase))
        {
            // Orleans' words for "the other nodes voted this one dead": say what it means for an operator.
            reason = $"the cluster declared this node dead (it did not answer its peers in time, for example while paused); exit so that a supervisor starts it again as a fresh member. Orleans: {reason}";
        }

        Log.FatalError(logger, exception, reason);
        Console.Error.WriteLine($"switchyard: this node stops at once: {reason}");
        Console.Error.Flush();
        Environment.FailFast($"switchyard: {reason}", exception);
    }
}
