using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Runtime.Client;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Routing;
using Switchyard.Runtime.Specs;

namespace Switchyard.Runtime.Hosting;

/// <summary>
/// Brings the node to ready once the host has started: waits for the first routing table (which holds any
/// persisted state's routes), applies <see cref="SwitchyardNodeOptions.ConfigFile"/> and waits until its routes
/// are in this node's snapshot, then until every other readiness check passes.
/// </summary>
internal sealed class StartupService(
    NodeStartup startup,
    Router router,
    ServeClient client,
    HealthCheckService health,
    IHostApplicationLifetime lifetime,
    IOptions<SwitchyardNodeOptions> options,
    TimeProvider time,
    ILogger<StartupService> logger) : BackgroundService
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WhenStartedAsync(stoppingToken);
            startup.WaitingFor("waiting for the first routing table from the controller");
            await router.WhenReady.WaitAsync(stoppingToken);
            if (options.Value.ConfigFile is { } file)
            {
                startup.WaitingFor($"applying {file}");
                var deployment = Read(file);
                var result = await client.DeployAsync(deployment, stoppingToken);
                startup.WaitingFor($"waiting for the routes of {file} in this node's routing table");
                await WaitForRoutesAsync(deployment, stoppingToken);
                Log.ConfigApplied(logger, file, System.Text.Json.JsonSerializer.Serialize(result));
            }

            await WaitForChecksAsync(stoppingToken);
            startup.Complete();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            startup.Fail("the node stopped before it was ready");
        }
        catch (Exception ex) when (ex is NodeStartupException or ServeException)
        {
            var problem = ex is ServeException ? $"{nameof(SwitchyardNodeOptions.ConfigFile)} {options.Value.ConfigFile}: {ex.Message}" : ex.Message;
            Log.StartupFailed(logger, problem);
            startup.Fail(problem);
            lifetime.StopApplication();
        }
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }

    private static DeploymentSpec Read(string file)
    {
        var problem = $"{nameof(SwitchyardNodeOptions.ConfigFile)} {file}";
        System.Text.Json.JsonElement json;
        try
        {
            json = DeploymentFile.Load(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException)
        {
            throw new NodeStartupException($"{problem}: not readable YAML or JSON: {ex.Message.ReplaceLineEndings(" ")}");
        }

        var problems = new Problems();
        var deployment = SpecReader.ReadDeployment(json, problems);
        return problems.Any || deployment is null ? throw new NodeStartupException($"{problem}: {problems}") : deployment;
    }

    /// <summary>Until every route the file declares maps to its endpoint in this node's snapshot.</summary>
    private async Task WaitForRoutesAsync(DeploymentSpec deployment, CancellationToken stoppingToken)
    {
        var routes = deployment.Endpoints.Where(e => e.Value.Route is not null).Select(e => (Route: e.Value.Route!, Endpoint: e.Key)).ToList();
        while (true)
        {
            var snapshot = router.Snapshot;
            if (routes.All(r => snapshot.ByName.TryGetValue(r.Endpoint, out var route) && route.Route == r.Route))
            {
                return;
            }

            await router.WaitForVersionAsync(snapshot.Version + 1, stoppingToken);
        }
    }

    private async Task WaitForChecksAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            var report = await health.CheckHealthAsync(c => c.Tags.Contains(HealthTags.Ready) && c.Name != HealthTags.StartupCheck, stoppingToken);
            if (report.Status == HealthStatus.Healthy)
            {
                return;
            }

            startup.WaitingFor(string.Join("; ", report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description}")));
            await Task.Delay(CheckInterval, time, stoppingToken);
        }
    }
}
