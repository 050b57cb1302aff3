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

/// <summary><c>/api/endpoints</c>: create, list and delete endpoints, set their traffic and shadows (CONTRACT section 6).</summary>
internal static class EndpointRoutes
{
    private static readonly string[] CreateFields = ["name", "backend", "route", "methods"];

    public static RouteGroupBuilder MapEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync);
        group.MapPut("/{name}/traffic", SetTrafficAsync);
        group.MapPut("/{name}/shadows/{backend}", SetShadowAsync);
        group.MapDelete("/{name}", DeleteAsync);
        group.MapRollouts();
        return group;
    }

    private static async Task<Results<JsonHttpResult<EndpointInfo?>, ProblemResult>> CreateAsync(
        HttpRequest request, AdminBody body, ServeClient client, CancellationToken ct)
    {
        var (json, refused) = await body.ReadJsonAsync(request, ct);
        if (refused is not null)
        {
            return refused;
        }

        var problems = new Problems();
        if (!SpecReader.ExpectObject(json, string.Empty, problems, CreateFields))
        {
            return Problem(400, "the endpoint is invalid", problems.Items);
        }

        string? name = null, backend = null, route = null;
        List<string>? methods = null;
        foreach (var property in json.EnumerateObject())
        {
            switch (property.Name)
            {
                case "name": name = SpecReader.ReadString(property.Value, "name", problems); break;
                case "backend": backend = SpecReader.ReadString(property.Value, "backend", problems); break;
                case "route" when property.Value.ValueKind != JsonValueKind.Null: route = SpecReader.ReadString(property.Value, "route", problems); break;
                case "methods": methods = SpecReader.ReadMethods(property.Value, "methods", problems); break;
            }
        }

        if (!json.TryGetProperty("name", out _))
        {
            problems.Add("name", "is required");
        }

        if (!json.TryGetProperty("backend", out _))
        {
            problems.Add("backend", "is required");
        }

        if (problems.Any)
        {
            return Problem(400, "the endpoint is invalid", problems.Items);
        }

        var result = await client.ControlAsync(c => c.CreateEndpointAsync(name!, backend!, route, methods?.ToArray(), ct), ct);
        if (!result.Succeeded)
        {
            return Rejected(result);
        }

        await client.SeenAsync(result, ct);
        var endpoints = await client.ControlAsync(c => c.ListEndpointsAsync(ct), ct);
        return Created(endpoints.GetValueOrDefault(name!));
    }

    private static async Task<JsonHttpResult<Dictionary<string, EndpointInfo>>> ListAsync(ServeClient client, CancellationToken ct) =>
        Ok(await client.ControlAsync(c => c.ListEndpointsAsync(ct), ct));

    private static async Task<Results<JsonHttpResult<EndpointInfo?>, ProblemResult>> SetTrafficAsync(
        string name, HttpRequest request, AdminBody body, ServeClient client, CancellationToken ct)
    {
        var (json, refused) = await body.ReadJsonAsync(request, ct);
        if (refused is not null)
        {
            return refused;
        }

        var problems = new Problems();
        var traffic = SpecReader.ReadNumberMap(json, "traffic", problems);
        if (problems.Any)
        {
            return Problem(400, "the traffic policy is invalid", problems.Items);
        }

        var result = await client.ControlAsync(c => c.SetTrafficAsync(name, traffic, ct), ct);
        return result.Succeeded ? await SeenEndpointAsync(name, result, client, ct) : Rejected(result);
    }

    private static async Task<Results<JsonHttpResult<EndpointInfo?>, ProblemResult>> SetShadowAsync(
        string name, string backend, HttpRequest request, AdminBody body, ServeClient client, CancellationToken ct)
    {
        var (json, refused) = await body.ReadJsonAsync(request, ct);
        if (refused is not null)
        {
            return refused;
        }

        var problems = new Problems();
        double? proportion = null;
        if (SpecReader.ExpectObject(json, string.Empty, problems, ["proportion"]))
        {
            if (json.TryGetProperty("proportion", out var p))
            {
                proportion = SpecReader.ReadNumber(p, "proportion", problems);
            }
            else
            {
                problems.Add("proportion", "is required");
            }
        }

        if (problems.Any)
        {
            return Problem(400, "the shadow is invalid", problems.Items);
        }

        var result = await client.ControlAsync(c => c.SetShadowAsync(name, backend, proportion!.Value, ct), ct);
        return result.Succeeded ? await SeenEndpointAsync(name, result, client, ct) : Rejected(result);
    }

    private static async Task<Results<NoContent, Ok, ProblemResult>> DeleteAsync(string name, ServeClient client, CancellationToken ct)
    {
        var result = await client.ControlAsync(c => c.DeleteEndpointAsync(name, ct), ct);
        if (result.Succeeded)
        {
            await client.SeenAsync(result, ct);
        }

        return Acknowledged(result);
    }

    private static async Task<JsonHttpResult<EndpointInfo?>> SeenEndpointAsync(string name, Control.ControlResult result, ServeClient client, CancellationToken ct)
    {
        await client.SeenAsync(result, ct);
        var endpoints = await client.ControlAsync(c => c.ListEndpointsAsync(ct), ct);
        return Ok(endpoints.GetValueOrDefault(name));
    }
}
