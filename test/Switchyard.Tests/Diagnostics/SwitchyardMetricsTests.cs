using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Tests.Diagnostics;

public sealed class SwitchyardMetricsTests
{
    [Fact]
    public void RequestCompleted_UnderAnOpenTelemetryReader_CountsExactlyAndAllocatesNothingPerRequest()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new SwitchyardMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var exported = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder().AddMeter(SwitchyardMetrics.MeterName).AddInMemoryExporter(exported).Build();

        // Unique names: the listener sees every meter called Switchyard in this process, other tests' too.
        var endpoint = "alloc-" + Guid.NewGuid().ToString("N");
        const string backend = "alloc-backend";
        Record(metrics, endpoint, backend, 10); // first use creates the series
        var before = GC.GetAllocatedBytesForCurrentThread();
        Record(metrics, endpoint, backend, 1000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1000, $"recording 1000 requests allocated {allocated} bytes");

        provider.ForceFlush();
        var requests = exported.Single(m => m.Name == "switchyard_requests_total");
        long count = 0;
        foreach (ref readonly var point in requests.GetMetricPoints())
        {
            foreach (var tag in point.Tags)
            {
                if (tag.Key == "endpoint" && (string?)tag.Value == endpoint)
                {
                    count += point.GetSumLong();
                }
            }
        }

        Assert.Equal(1010, count);
    }

    private static void Record(SwitchyardMetrics metrics, string endpoint, string backend, int times)
    {
        for (var i = 0; i < times; i++)
        {
            metrics.RequestCompleted(endpoint, backend, i % 2 == 0 ? 200 : 503, TimeSpan.FromMilliseconds(1));
            metrics.QueuedChanged(backend, 1);
            metrics.QueuedChanged(backend, -1);
            metrics.QueueTime(backend, TimeSpan.FromMilliseconds(0.1));
            metrics.BatchTaken(backend, 1);
        }
    }
}
