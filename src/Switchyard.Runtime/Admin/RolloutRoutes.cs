using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.Runtime.Client;
using Switchyard.Runtime.Control;
using Switchyard.Runtime.Ingress;
using Switchyard.Runtime.Replicas;
using Switchyard.Runtime.Specs;

namespace Switchyard.Runtime.Admin;

/// <summary><c>/api/endpoints/{name}/rollout</c>: start, read, promote and abort a progressive rollout (CONTRACT sections 6 and 11).</summary>
internal static class RolloutRoutes
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static RouteGroupBuilder MapRollouts(this RouteGroupBuilder group)
    {
        group.MapPost("/{name}/rollout", StartAsync);
        group.MapGet("/{name}/rollout", async (string name, ServeClient client, CancellationToken ct) =>
            Answer(await client.ControlAsync(c => c.GetRolloutAsync(name, ct), ct), 200));
        group.MapPost("/{name}/rollout/promote", async (string name, ServeClient client, CancellationToken ct) =>
            await SeenAsync(client, await client.ControlAsync(c => c.PromoteRolloutAsync(name, ct), ct), 200, ct));
        group.MapDelete("/{name}/rollout", async (string name, ServeClient client, CancellationToken ct) =>
            await SeenAsync(client, await client.ControlAsync(c => c.AbortRolloutAsync(name, ct), ct), 200, ct));
        return group;
    }

    private static async Task<IResult> StartAsync(string name, HttpRequest request, ServeClient client, CancellationToken ct)
    {
        JsonElement json;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, ct);
            json = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return Problem(400, $"the body is not valid JSON: {ex.Message}");
        }

        var problems = new Problems();
        var rollout = SpecReader.ReadRollout(json, problems);
        if (rollout is not null)
        {
            SpecValidator.ValidateRollout(rollout, problems);
        }

        if (problems.Any || rollout is null)
        {
            return Problem(400, "the rollout is invalid", problems.Items);
        }

        return await SeenAsync(client, await client.ControlAsync(c => c.StartRolloutAsync(name, rollout, ct), ct), 201, ct);
    }

    /// <summary>Answers once this node's router holds the traffic the call set, so a request sent next sees it.</summary>
    private static async Task<IResult> SeenAsync(ServeClient client, ControlResult result, int status, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            await client.SeenAsync(result, ct);
        }

        return Answer(result, status);
    }

    private static IResult Answer(ControlResult result, int status) =>
        result.Succeeded ? Results.Json(result.Rollout, Json, statusCode: status) : Problem(result.Status, result.Message, result.Errors);

    private static IResult Problem(int status, string detail, IReadOnlyList<string>? errors = null)
    {
        var text = errors is { Count: > 0 } && detail != string.Join("; ", errors) ? $"{detail}: {string.Join("; ", errors)}" : detail;
        var body = new ProblemBody($"https://httpstatuses.io/{status}", ResultEncoder.Reason(status), status, text, errors);
        return Results.Json(body, ProblemJson.Body, ProblemWriter.ContentType, status);
    }
}
