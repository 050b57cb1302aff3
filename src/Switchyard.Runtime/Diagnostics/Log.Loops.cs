using Microsoft.Extensions.Logging;

namespace Switchyard.Runtime.Diagnostics;

/// <summary>The control loops' messages (event ids 1100-1149): autoscaling decisions, rollout steps and verdicts, figure reports.</summary>
internal static partial class Log
{
    [LoggerMessage(1100, LogLevel.Information, "Backend {Backend} autoscaled from {From} to {To} replicas (ongoing requests {Ongoing})")]
    public static partial void Autoscaled(ILogger logger, string backend, int from, int to, double ongoing);

    [LoggerMessage(1101, LogLevel.Information, "Rollout of endpoint {Endpoint} to {To} at step {Step} (weight {Weight}), traffic {Traffic}")]
    public static partial void RolloutStep(ILogger logger, string endpoint, string to, int step, double weight, string traffic);

    [LoggerMessage(1102, LogLevel.Warning, "Rollout of endpoint {Endpoint} to {To} rolled back: {Reason}")]
    public static partial void RolledBack(ILogger logger, string endpoint, string to, string reason);

    [LoggerMessage(1103, LogLevel.Information, "Rollout of endpoint {Endpoint} to {To} {State}: {Reason}")]
    public static partial void RolloutEnded(ILogger logger, string endpoint, string to, string state, string reason);

    [LoggerMessage(1104, LogLevel.Debug, "Reporting this node's figures to the controller failed; the next report carries them")]
    public static partial void FigureReportFailed(ILogger logger, Exception exception);

    [LoggerMessage(1105, LogLevel.Warning, "Running the control loops on a figure report failed")]
    public static partial void ControlLoopsFailed(ILogger logger, Exception exception);
}
