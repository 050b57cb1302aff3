using Polly;
using Polly.Retry;
using Switchyard.Runtime.Control;

namespace Switchyard.Runtime.Client;

/// <summary>
/// Retries a call to the controller while the controller moves to another node (its node died and Orleans has not
/// yet activated it elsewhere), instead of failing: only on the transient failures Orleans gives meanwhile, with
/// exponential waits of 100 ms up to 1 s, for at most the settle timeout and never past the call's own token.
/// </summary>
internal sealed class ControllerRetry
{
    private static readonly ResiliencePropertyKey<long> Started = new("switchyard.controller-call-started");

    private readonly ResiliencePipeline _pipeline;
    private readonly TimeProvider _time;

    public ControllerRetry(TimeProvider time, TimeSpan limit)
    {
        _time = time;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex
                    && (IsTransient(ex) || IsInternalCancellation(ex, args.Context.CancellationToken))
                    && time.GetElapsedTime(args.Context.Properties.GetValue(Started, 0)) < limit),
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = TimeSpan.FromSeconds(1),
                MaxRetryAttempts = int.MaxValue,
                UseJitter = false,
            })
            .Build();
    }

    /// <summary>Runs <paramref name="call"/> (each attempt gets the call's token) until it succeeds or may not be retried.</summary>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Started, _time.GetTimestamp());
        try
        {
            return await _pipeline.ExecuteAsync(static async (context, call) => await call(context.CancellationToken), context, call);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// A cancellation the caller did not ask for: Orleans cancels a directory lookup that a membership change
    /// overtook while it places the controller on a survivor, and the call fails with it.
    /// </summary>
    private static bool IsInternalCancellation(Exception ex, CancellationToken callToken) =>
        ex is OperationCanceledException && !callToken.IsCancellationRequested;

    /// <summary>What Orleans throws while a grain's node is dying or its activation is moving, and what a controller standing down says.</summary>
    public static bool IsTransient(Exception ex) =>
        ex is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or ControllerMovingException
        || (ex is OrleansException && ex.InnerException is not null && IsTransient(ex.InnerException));
}
