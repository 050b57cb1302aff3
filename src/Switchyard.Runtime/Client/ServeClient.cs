using System.Text.Json;
using Microsoft.Extensions.Options;
using Switchyard.Runtime.Control;
using Switchyard.Runtime.Replicas;
using Switchyard.Runtime.Routing;

namespace Switchyard.Runtime.Client;

/// <summary>
/// <see cref="IServeClient"/> over the controller grain, with handles sent through this process's router
/// (the same routing as HTTP). Used inside nodes and by external processes connected as Orleans clients.
/// </summary>
internal sealed partial class ServeClient : IServeClient, IHandleInvoker
{
    private readonly IGrainFactory _grains;
    private readonly Router _router;
    private readonly TimeSpan _settleTimeout;
    private readonly ControllerRetry _retry;

    public ServeClient(IGrainFactory grains, Router router, TimeProvider time, IOptions<ServeClientOptions> options)
    {
        _grains = grains;
        _router = router;
        _settleTimeout = options.Value.SettleTimeout;
        _retry = new ControllerRetry(time, _settleTimeout);
    }

    private IControllerGrain Controller => _grains.GetGrain<IControllerGrain>(0);

    public async Task CreateBackendAsync(string name, BackendSpec spec, CancellationToken cancellationToken = default)
    {
        await CheckAsync(await ControlAsync(c => c.CreateBackendAsync(name, spec, cancellationToken), cancellationToken), cancellationToken);
        await SettleAsync([name], cancellationToken);
    }

    public async Task SetBackendConfigAsync(string name, BackendConfigUpdate update, CancellationToken cancellationToken = default)
    {
        await CheckAsync(await ControlAsync(c => c.UpdateBackendConfigAsync(name, JsonSerializer.Serialize(update), cancellationToken), cancellationToken), cancellationToken);
        await SettleAsync([name], cancellationToken);
    }

    public async Task DeleteBackendAsync(string name, CancellationToken cancellationToken = default) =>
        await CheckAsync(await ControlAsync(c => c.DeleteBackendAsync(name, cancellationToken), cancellationToken), cancellationToken);

    public async Task CreateEndpointAsync(string name, string backend, string? route = null, IReadOnlyList<string>? methods = null, CancellationToken cancellationToken = default) =>
        await CheckAsync(await ControlAsync(c => c.CreateEndpointAsync(name, backend, route, methods?.ToArray(), cancellationToken), cancellationToken), cancellationToken);

    public async Task DeleteEndpointAsync(string name, CancellationToken cancellationToken = default) =>
        await CheckAsync(await ControlAsync(c => c.DeleteEndpointAsync(name, cancellationToken), cancellationToken), cancellationToken);

    public async Task SetTrafficAsync(string endpoint, IReadOnlyDictionary<string, double> traffic, CancellationToken cancellationToken = default) =>
        await CheckAsync(await ControlAsync(c => c.SetTrafficAsync(endpoint, new Dictionary<string, double>(traffic), cancellationToken), cancellationToken), cancellationToken);

    public async Task ShadowTrafficAsync(string endpoint, string backend, double proportion, CancellationToken cancellationToken = default) =>
        await CheckAsync(await ControlAsync(c => c.SetShadowAsync(endpoint, backend, proportion, cancellationToken), cancellationToken), cancellationToken);

    public async Task<DeployResult> DeployAsync(DeploymentSpec deployment, CancellationToken cancellationToken = default)
    {
        var result = await ControlAsync(c => c.DeployAsync(deployment, cancellationToken), cancellationToken);
        await CheckAsync(result, cancellationToken);
        await SettleAsync([.. deployment.Backends.Keys], cancellationToken);
        return result.Deploy!;
    }

    public async Task<IReadOnlyDictionary<string, BackendInfo>> ListBackendsAsync(CancellationToken cancellationToken = default) =>
        await ControlAsync(c => c.ListBackendsAsync(cancellationToken), cancellationToken);

    public async Task<IReadOnlyDictionary<string, EndpointInfo>> ListEndpointsAsync(CancellationToken cancellationToken = default) =>
        await ControlAsync(c => c.ListEndpointsAsync(cancellationToken), cancellationToken);

    public ServeHandle GetHandle(string endpoint) => new(this, endpoint, null);

    public async ValueTask<HandleResult> InvokeAsync(string endpoint, string? shardKey, ReadOnlyMemory<byte> body, string? text, string? contentType, CancellationToken cancellationToken)
    {
        if (await FindRouteAsync(endpoint, cancellationToken) is not { } route)
        {
            return new HandleResult(404, null, ReadOnlyMemory<byte>.Empty, "Not Found", $"endpoint '{endpoint}' does not exist");
        }

        var request = new ReplicaRequest
        {
            Method = "POST",
            Path = route.Route ?? "/",
            Headers = HandleHeaders.For(contentType),
            Body = HandleHeaders.Whole(body),
            Text = text,
            ShardKey = shardKey,
            Endpoint = endpoint,
        };
        var response = await _router.InvokeAsync(route, request, cancellationToken);
        return response.Text is { } answer
            ? new HandleResult(response.StatusCode, response.ContentType, ReadOnlyMemory<byte>.Empty, response.Title, response.Detail, Text: answer)
            : new HandleResult(response.StatusCode, response.ContentType, response.Body, response.Title, response.Detail);
    }

    /// <summary>
    /// Calls the controller, waiting while it moves to another node instead of failing (<see cref="ControllerRetry"/>).
    /// Every attempt carries the same idempotency key, so a change whose first answer was lost is not made twice and
    /// the retry answers as the first attempt did.
    /// </summary>
    internal Task<T> ControlAsync<T>(Func<IControllerGrain, Task<T>> call, CancellationToken cancellationToken)
    {
        var key = ControlCallKey.NewKey();
        return _retry.ExecuteAsync(
            async _ =>
            {
                ControlCallKey.Attach(key);
                try
                {
                    return await call(Controller);
                }
                finally
                {
                    ControlCallKey.Detach();
                }
            },
            cancellationToken);
    }

    /// <summary>Waits for the named backends' replicas to settle (running, pending or failed).</summary>
    internal async Task SettleAsync(string[] backends, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settleTimeout);
        try
        {
            var version = await ControlAsync(c => c.WaitSettledAsync(backends, timeout.Token), timeout.Token);
            await _router.WaitForVersionAsync(version, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Still starting after the timeout: answer anyway; states show "starting".
        }
    }

    /// <summary>Waits (bounded) until this process's router holds the change, so a call made next sees it.</summary>
    internal async Task SeenAsync(ControlResult result, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settleTimeout);
        try
        {
            await _router.WaitForVersionAsync(result.RoutingVersion, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The change is acknowledged and persisted; this router will catch up.
        }
    }

    private async Task CheckAsync(ControlResult result, CancellationToken cancellationToken)
    {
        if (!result.Succeeded)
        {
            throw new ServeException(result.Status, result.Message, Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(result.Status));
        }

        await SeenAsync(result, cancellationToken);
    }
}
