using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.Runtime.Client;
using Switchyard.Runtime.Control;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Ingress;
using Switchyard.Runtime.Replicas;
using Switchyard.Runtime.Specs;

namespace Switchyard.Runtime.Admin;

/// <summary>The admin API (CONTRACT section 6): thin HTTP over the controller; every rejection is problem+json.</summary>
internal static class AdminApi
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void MapAdminApi(this IEndpointRouteBuilder routes, string requiredHost)
    {
        var api = routes.MapGroup("/api").RequireHost(requiredHost);
        api.MapPost("/backends", CreateBackendAsync);
        api.MapGet("/backends", async (ServeClient client, CancellationToken ct) => Ok(await client.ControlAsync(c => c.ListBackendsAsync(ct), ct)));
        api.MapGet("/backends/{name}", GetBackendAsync);
        api.MapPatch("/backends/{name}/config", UpdateConfigAsync);
        api.MapDelete("/backends/{name}", async (string name, ServeClient client, CancellationToken ct) => await AckAsync(client, await client.ControlAsync(c => c.DeleteBackendAsync(name, ct), ct), ct));
        api.MapPost("/endpoints", CreateEndpointAsync);
        api.MapGet("/endpoints", async (ServeClient client, CancellationToken ct) => Ok(await client.ControlAsync(c => c.ListEndpointsAsync(ct), ct)));
        api.MapPut("/endpoints/{name}/traffic", SetTrafficAsync);
        api.MapPut("/endpoints/{name}/shadows/{backend}", SetShadowAsync);
        api.MapDelete("/endpoints/{name}", async (string name, ServeClient client, CancellationToken ct) => await AckAsync(client, await client.ControlAsync(c => c.DeleteEndpointAsync(name, ct), ct), ct));
        api.MapPost("/deploy", DeployAsync);
        api.MapGet("/status", StatusAsync);
        routes.MapPrometheusScrapingEndpoint("/metrics").RequireHost(requiredHost);
    }

    private static async Task<IResult> CreateBackendAsync(HttpRequest request, ServeClient client, CancellationToken ct)
    {
        var (json, error) = await ReadJsonAsync(request, ct);
        if (error is not null)
        {
            return error;
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
            return From(result);
        }

        await client.SettleAsync([name], ct);
        var backends = await client.ControlAsync(c => c.ListBackendsAsync(ct), ct);
        return Results.Json(backends.GetValueOrDefault(name), Json, statusCode: 201);
    }

    private static async Task<IResult> GetBackendAsync(string name, ServeClient client, CancellationToken ct)
    {
        var backends = await client.ControlAsync(c => c.ListBackendsAsync(ct), ct);
        return backends.TryGetValue(name, out var info) ? Ok(info) : Problem(404, $"backend '{name}' does not exist");
    }

    private static async Task<IResult> UpdateConfigAsync(string name, HttpRequest request, ServeClient client, CancellationToken ct)
    {
        var (json, error) = await ReadJsonAsync(request, ct);
        if (error is not null)
        {
            return error;
        }

        var result = await client.ControlAsync(c => c.UpdateBackendConfigAsync(name, json.GetRawText(), ct), ct);
        if (!result.Succeeded)
        {
            return From(result);
        }

        await client.SettleAsync([name], ct);
        return await GetBackendAsync(name, client, ct);
    }

    private static async Task<IResult> AckAsync(ServeClient client, ControlResult result, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            await client.SeenAsync(result, ct);
        }

        return From(result);
    }

    private static async Task<IResult> CreateEndpointAsync(HttpRequest request, ServeClient client, CancellationToken ct)
    {
        var (json, error) = await ReadJsonAsync(request, ct);
        if (error is not null)
        {
            return error;
        }

        var problems = new Problems();
        if (!SpecReader.ExpectObject(json, string.Empty, problems, ["name", "backend", "route", "methods"]))
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
            return From(result);
        }

        await client.SeenAsync(result, ct);

        var endpoints = await client.ControlAsync(c => c.ListEndpointsAsync(ct), ct);
        return Results.Json(endpoints.GetValueOrDefault(name!), Json, statusCode: 201);
    }

    private static async Task<IResult> SetTrafficAsync(string name, HttpRequest request, ServeClient client, CancellationToken ct)
    {
        var (json, error) = await ReadJsonAsync(request, ct);
        if (error is not null)
        {
            return error;
        }

        var problems = new Problems();
        var traffic = SpecReader.ReadNumberMap(json, "traffic", problems);
        if (problems.Any)
        {
            return Problem(400, "the traffic policy is invalid", problems.Items);
        }

        var result = await client.ControlAsync(c => c.SetTrafficAsync(name, traffic, ct), ct);
        if (!result.Succeeded)
        {
            return From(result);
        }

        await client.SeenAsync(result, ct);
        return await EndpointAsync(name, client, ct);
    }

    private static async Task<IResult> SetShadowAsync(string name, string backend, HttpRequest request, ServeClient client, CancellationToken ct)
    {
        var (json, error) = await ReadJsonAsync(request, ct);
        if (error is not null)
        {
            return error;
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
        if (!result.Succeeded)
        {
            return From(result);
        }

        await client.SeenAsync(result, ct);
        return await EndpointAsync(name, client, ct);
    }

    private static async Task<IResult> EndpointAsync(string name, ServeClient client, CancellationToken ct)
    {
        var endpoints = await client.ControlAsync(c => c.ListEndpointsAsync(ct), ct);
        return Ok(endpoints.GetValueOrDefault(name));
    }

    private static async Task<IResult> DeployAsync(HttpRequest request, ServeClient client, CancellationToken ct)
    {
        string text;
        using (var reader = new StreamReader(request.Body))
        {
            text = await reader.ReadToEndAsync(ct);
        }

        JsonElement json;
        try
        {
            json = YamlJson.Parse(text);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return Problem(400, $"the deployment is neither valid YAML nor JSON: {ex.Message}");
        }

        var problems = new Problems();
        var deployment = SpecReader.ReadDeployment(json, problems);
        if (problems.Any)
        {
            return Problem(400, "the deployment is invalid", problems.Items);
        }

        var result = await client.ControlAsync(c => c.DeployAsync(deployment, ct), ct);
        if (!result.Succeeded)
        {
            return From(result, "the deployment is invalid");
        }

        await client.SeenAsync(result, ct);

        await client.SettleAsync([.. deployment.Backends.Keys], ct);
        return Ok(result.Deploy);
    }

    private static async Task<IResult> StatusAsync(ServeClient client, CancellationToken ct)
    {
        var status = await client.ControlAsync(c => c.GetStatusAsync(ct), ct);
        var nodes = new JsonArray(status.Nodes.Select(n => (JsonNode)new JsonObject
        {
            ["id"] = n.Id,
            ["address"] = n.Address,
            ["status"] = n.Status,
            ["resources"] = new JsonObject { ["total"] = Amounts(n.Total), ["available"] = Amounts(n.Available) },
        }).ToArray());
        var body = new JsonObject
        {
            ["nodes"] = nodes,
            ["backends"] = JsonSerializer.SerializeToNode(status.Backends, Json),
            ["endpoints"] = JsonSerializer.SerializeToNode(status.Endpoints, Json),
            ["controller"] = new JsonObject { ["node"] = status.ControllerNode },
            ["store"] = new JsonObject { ["reachable"] = status.Store.Reachable, ["detail"] = status.Store.Detail },
        };
        return Results.Text(body.ToJsonString(), "application/json; charset=utf-8");
    }

    private static JsonObject Amounts(ResourceAmounts amounts) => new()
    {
        ["num_cpus"] = amounts.NumCpus,
        ["num_gpus"] = amounts.NumGpus,
        ["custom"] = JsonSerializer.SerializeToNode(amounts.Custom),
    };

    private static async Task<(JsonElement Json, IResult? Error)> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, ct);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            return (default, Problem(400, $"the body is not valid JSON: {ex.Message}"));
        }
    }

    private static IResult Ok<T>(T value) => Results.Json(value, Json);

    private static IResult From(ControlResult result, string? summary = null) => result.Status switch
    {
        200 => Results.Ok(),
        201 => Results.StatusCode(201),
        204 => Results.NoContent(),
        _ => Problem(result.Status, summary ?? result.Message, result.Errors),
    };

    private static IResult Problem(int status, string detail, IReadOnlyList<string>? errors = null)
    {
        var text = errors is { Count: > 0 } && detail != string.Join("; ", errors)
            ? $"{detail}: {string.Join("; ", errors)}"
            : detail;
        var body = new ProblemBody($"https://httpstatuses.io/{status}", ResultEncoder.Reason(status), status, text, errors);
        return Results.Json(body, ProblemJson.Body, ProblemWriter.ContentType, status);
    }
}
