using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Runtime.Control;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Routing;

namespace Switchyard.Runtime.Client;

/// <summary>
/// Keeps this node's router current: a long poll on the controller that returns as soon as the routing table
/// changes (Ray Serve's long-poll host), re-armed at once, and retried when the controller moves or restarts.
/// </summary>
internal sealed class RoutingTableWatcher : BackgroundService
{
    private static readonly TimeSpan PollWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    private readonly IGrainFactory _grains;
    private readonly Router _router;
    private readonly TimeProvider _time;
    private readonly ILogger<RoutingTableWatcher> _logger;

    public RoutingTableWatcher(IGrainFactory grains, Router router, TimeProvider time, ILogger<RoutingTableWatcher> logger)
    {
        _grains = grains;
        _router = router;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var controller = _grains.GetGrain<IControllerGrain>(0);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var table = await controller.WatchRoutingAsync(_router.Snapshot.Version, PollWait, stoppingToken);
                if (table.Version != _router.Snapshot.Version)
                {
                    _router.Apply(table);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.RoutingWatchFailed(_logger, ex);
                try
                {
                    await Task.Delay(RetryDelay, _time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
