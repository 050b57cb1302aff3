using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Switchyard.Runtime.Client;
using Switchyard.Runtime.Ingress;
using Switchyard.Runtime.Specs;
using static Switchyard.Runtime.Admin.AdminResults;

namespace Switchyard.Runtime.Admin;

/// <summary><c>/api/backends</c>: create, list, read, reconfigure and delete backends (CONTRACT section 6).</summary>
internal static class BackendRoutes
{
    public static RouteGroupBuilder MapBackends(this RouteGroupBuilder group)
    {
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync);
        group.MapGet("/{name}", GetAsync);
        group.MapPatch("/{name}/config", UpdateConfigAsync);
        group.MapDelete("/{name}", DeleteAsync);
        return group;
    }

    private static async Task<Results<JsonHttpResult<BackendInfo?>, ProblemResult>> CreateAsync(
        HttpRequest request, AdminBody body, ServeClient client, CancellationToken ct)
    {
        var (json, refused) = await body.ReadJsonAsync(request, ct);
        if (refused is not null)
        {
            return refused;
        }

        var problems = new Problems();
        string? name = null;
        if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("name", out var n))
        {
            name = SpecReader.ReadString(n, "name", problems);
        }
        else if (json.ValueKind == JsonValueKind.Object)
        {
            problems.Add("name", "is required");
        }

        var spec = SpecReader.ReadBackend(json, string.Empty, problems, "name");
        if (problems.Any || spec is null || name is null)
        {
            return Problem(400, "the backend is invalid", problems.Items);
        }

        var result = await client.ControlAsync(c => c.CreateBackendAsync(name, spec, ct), ct);
        if (!result.Succeeded)
        {
            return Rejected(result);
        }

        await client.SettleAsync([name], ct);
        var backends = await client.ControlAsync(c => c.ListBackendsAsync(ct), ct);
        return Created(backends.GetValueOrDefault(name));
    }

    private static async Task<JsonHttpResult<Dictionary<string, BackendInfo>>> ListAsync(ServeClient client, CancellationToken ct) =>
        Ok(await client.ControlAsync(c => c.ListBackendsAsync(ct), ct));

    private static async Task<Results<JsonHttpResult<BackendInfo>, ProblemResult>> GetAsync(string name, ServeClient client, CancellationToken ct)
    {
        var backends = await client.ControlAsync(c => c.ListBackendsAsync(ct), ct);
        return backends.TryGetValue(name, out var info) ? Ok(info) : Problem(404, $"backend '{name}' does not exist");
    }

    private static async Task<Results<JsonHttpResult<BackendInfo>, ProblemResult>> UpdateConfigAsync(
        string name, HttpRequest request, AdminBody body, ServeClient client, CancellationToken ct)
    {
        var (json, refused) = await body.ReadJsonAsync(request, ct);
        if (refused is not null)
        {
            return refused;
        }

        var result = await client.ControlAsync(c => c.UpdateBackendConfigAsync(name, json.GetRawText(), ct), ct);
        if (!result.Succeeded)
        {
            return Rejected(result);
        }

        await client.SettleAsync([name], ct);
        return await GetAsync(name, client, ct);
    }

    private static async Task<Results<NoContent, Ok, ProblemResult>> DeleteAsync(string name, ServeClient client, CancellationToken ct)
    {
        var result = await client.ControlAsync(c => c.DeleteBackendAsync(name, ct), ct);
        if (result.Succeeded)
        {
            await client.SeenAsync(result, ct);
        }

        return Acknowledged(result);
    }
}
