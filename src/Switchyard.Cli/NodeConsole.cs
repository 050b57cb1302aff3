using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Cli;

/// <summary>
/// What <c>switchyard start</c> writes to the console: the log in the chosen format, and its own "ready" line,
/// plain in text mode or as a log event in JSON mode, so that every line of a JSON log is one JSON object.
/// </summary>
internal sealed class NodeConsole(TextWriter output, LogFormat format, ILogger logger)
{
    public const string Category = "Switchyard.Node";

    public static void Configure(ILoggingBuilder logging, LogFormat format)
    {
        logging.ClearProviders();
        if (format == LogFormat.Json)
        {
            logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.IncludeScopes = false;
                o.JsonWriterOptions = new JsonWriterOptions { Indented = false };
            });
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.ColorBehavior = LoggerColorBehavior.Default;
            });
        }

        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Orleans", LogLevel.Warning);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("Polly", LogLevel.Warning);

        // ASP.NET Core's hosting diagnostics log only per-request lines (Information), yet while any level of that
        // category is on, every request gets a logging scope and an Activity nobody reads (no scopes are written,
        // and a trace is exported only with --otlp-endpoint, whose listener creates its own activities): about
        // 800 bytes and an Activity start and stop per request. A failure to start still ends `switchyard start`
        // with its own one-line error.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);

        // Every probe of a node that is not ready would be an error line; /-/healthz itself says why.
        logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None);
    }

    public async Task ReadyAsync(string node, string ingress, string admin, string state)
    {
        if (format == LogFormat.Json)
        {
            Log.NodeReady(logger, node, ingress, admin, state);
            return;
        }

        await output.WriteLineAsync($"switchyard node '{node}' ready: ingress {ingress}, admin {admin}, state {state}");
    }
}
