using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Hosting;

/// <summary>
/// The node's OpenTelemetry pipeline: Switchyard's meter, .NET runtime and ASP.NET Core instrumentation and the
/// cheap part of Orleans' meter, read by the Prometheus scrape on the admin port and, with
/// <see cref="SwitchyardNodeOptions.OtlpEndpoint"/>, pushed to an OTLP/HTTP collector.
/// </summary>
internal static class SwitchyardTelemetry
{
    /// <summary>Orleans' runtime meter. Only its observable instruments are kept (see <see cref="KeepOrleans"/>).</summary>
    private const string OrleansMeter = "Microsoft.Orleans";

    public static void AddSwitchyardTelemetry(this IServiceCollection services, SwitchyardNodeOptions options)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("switchyard", serviceInstanceId: options.NodeId))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(SwitchyardMetrics.MeterName, OrleansMeter)
                    .AddRuntimeInstrumentation()
                    .AddAspNetCoreInstrumentation()
                    .AddView(instrument => KeepOrleans(instrument) ? null : MetricStreamConfiguration.Drop)
                    .AddPrometheusExporter(prometheus =>
                    {
                        // Every scrape sees every measurement made before it (exact counts in tests and dashboards).
                        prometheus.ScrapeResponseCacheDurationMilliseconds = 0;
                        prometheus.ScopeInfoEnabled = false;
                    });
                if (options.OtlpEndpoint is { } endpoint)
                {
                    metrics.AddOtlpExporter(otlp =>
                    {
                        otlp.Endpoint = Signal(endpoint, "v1/metrics");
                        otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
                    });
                }
            });

        // Traces only with a collector: without one nothing listens, and every span is skipped.
        if (options.OtlpEndpoint is { } collector)
        {
            services.AddOpenTelemetry().WithTracing(tracing => tracing
                .AddSource(SwitchyardActivities.SourceName)
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = IsTraced)
                .AddOtlpExporter(otlp =>
                {
                    otlp.Endpoint = Signal(collector, "v1/traces");
                    otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
                }));
        }
    }

    /// <summary>Requests worth a trace: not probes (<c>/-/...</c>) or scrapes (<c>/metrics</c>).</summary>
    internal static bool IsTraced(Microsoft.AspNetCore.Http.HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/-") && !context.Request.Path.StartsWithSegments("/metrics");

    /// <summary>
    /// Orleans counts every message with plain counters; recording those would add work to every grain call. Its
    /// observable instruments are read only when metrics are collected, so they cost nothing in between.
    /// </summary>
    private static bool KeepOrleans(System.Diagnostics.Metrics.Instrument instrument) =>
        instrument.Meter.Name != OrleansMeter || instrument.IsObservable;

    /// <summary>The URL of one signal under a collector's base URL (<c>http://host:4318</c> + <c>v1/traces</c>).</summary>
    internal static Uri Signal(Uri collector, string path)
    {
        var text = collector.ToString();
        return new Uri(new Uri(text.EndsWith('/') ? text : text + "/"), path);
    }
}
