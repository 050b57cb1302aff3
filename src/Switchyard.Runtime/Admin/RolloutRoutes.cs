using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Switchyard.Runtime.Client;
using Switchyard.Runtime.Control;
using Switchyard.Runtime.Ingress;
using Switchyard.Runtime.Specs;
using static Switchyard.Runtime.Admin.AdminResults;

namespace Switchyard.Runtime.Admin;

/// <summary><c>/api/endpoints/{name}/rollout</c>: start, read, promote and abort a progressive rollout (CONTRACT sections 6 and 11).</summary>
internal static class RolloutRoutes
{
    public static RouteGroupBuilder MapRollouts(this RouteGroupBuilder group)
    {
        group.MapPost("/{name}/rollout", StartAsync);
        group.MapGet("/{name}/rollout", async (string name, ServeClient client, CancellationToken ct) =>
            Answer(await client.ControlAsync(c => c.GetRolloutAsync(name, ct), ct), ok: Ok));
        group.MapPost("/{name}/rollout/promote", async (string name, ServeClient client, CancellationToken ct) =>
            await SeenAsync(client, await client.ControlAsync(c => c.PromoteRolloutAsync(name, ct), ct), Ok, ct));
        group.MapDelete("/{name}/rollout", async (string name, ServeClient client, CancellationToken ct) =>
            await SeenAsync(client, await client.ControlAsync(c => c.AbortRolloutAsync(name, ct), ct), Ok, ct));
        return group;
    }

    private static async Task<Results<JsonHttpResult<RolloutInfo?>, ProblemResult>> StartAsync(
        string name, HttpRequest request, AdminBody body, ServeClient client, CancellationToken ct)
    {
        var (json, refused) = await body.ReadJsonAsync(request, ct);
        if (refused is not null)
        {
            return refused;
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

        return await SeenAsync(client, await client.ControlAsync(c => c.StartRolloutAsync(name, rollout, ct), ct), Created, ct);
    }

    /// <summary>Answers once this node's router holds the traffic the call set, so a request sent next sees it.</summary>
    private static async Task<Results<JsonHttpResult<RolloutInfo?>, ProblemResult>> SeenAsync(
        ServeClient client, ControlResult result, Func<RolloutInfo?, JsonHttpResult<RolloutInfo?>> ok, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            await client.SeenAsync(result, ct);
        }

        return Answer(result, ok);
    }

    private static Results<JsonHttpResult<RolloutInfo?>, ProblemResult> Answer(ControlResult result, Func<RolloutInfo?, JsonHttpResult<RolloutInfo?>> ok) =>
        result.Succeeded ? ok(result.Rollout) : Rejected(result);
}
