using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Runtime.Cluster;
using Switchyard.Runtime.Control;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Routing;

namespace Switchyard.Runtime.Client;

/// <summary>
/// Sends this node's figures to the controller in the background, never on a request's path: ongoing requests
/// sampled ten times a second (or at every interval when that is shorter) and averaged, and what each lane answered,
/// every <see cref="RoutingTable.FigureIntervalS"/>. A request that waits on a lane without replicas (a backend
/// scaled to zero) makes the next report go out at once, so its replica starts without waiting for the interval.
/// </summary>
internal sealed class FigureReporter : BackgroundService
{
    private static readonly TimeSpan SamplePeriod = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan UrgentSpacing = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    private readonly IGrainFactory _grains;
    private readonly Router _router;
    private readonly NodeIdentity _node;
    private readonly TimeProvider _time;
    private readonly ILogger<FigureReporter> _logger;
    private readonly FigureCollector _collector;

    public FigureReporter(IGrainFactory grains, Router router, NodeIdentity node, TimeProvider time, SwitchyardMetrics metrics, ILogger<FigureReporter> logger)
    {
        _collector = new FigureCollector(metrics.Tallies);
        _grains = grains;
        _router = router;
        _node = node;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _router.WhenReady.WaitAsync(stoppingToken).ConfigureAwait(false);
        var controller = _grains.GetGrain<IControllerGrain>(0);
        var lastReport = _time.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            var interval = _router.Table.FigureInterval;
            var sample = interval < SamplePeriod ? interval : SamplePeriod;
            var demand = _router.WhenDemandWithoutReplica;
            var sinceReport = _time.GetElapsedTime(lastReport);
            var wait = demand.IsCompleted
                ? Task.Delay(UrgentSpacing > sinceReport ? UrgentSpacing - sinceReport : TimeSpan.Zero, _time, stoppingToken)
                : Task.WhenAny(demand, Task.Delay(sample, _time, stoppingToken));
            try
            {
                await wait.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            var urgent = demand.IsCompleted;
            if (urgent)
            {
                _router.ResetDemandWithoutReplica();
            }

            var lanes = _router.Lanes;
            _collector.Sample(lanes);
            sinceReport = _time.GetElapsedTime(lastReport);
            if (!urgent && sinceReport < interval)
            {
                continue;
            }

            lastReport = _time.GetTimestamp();
            await ReportAsync(controller, _collector.Build(_node.NodeId, sinceReport, lanes), stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task ReportAsync(IControllerGrain controller, FigureReport report, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(CallTimeout);
        try
        {
            await controller.ReportFiguresAsync(report, timeout.Token).ConfigureAwait(false);
            _collector.Commit(report);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            Log.FigureReportFailed(_logger, ex);
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: nothing more to report.
        }
    }
}
