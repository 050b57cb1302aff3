using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Switchyard.Runtime.Client;
using Switchyard.Runtime.Ingress;
using Switchyard.Runtime.Specs;
using static Switchyard.Runtime.Admin.AdminResults;

namespace Switchyard.Runtime.Admin;

/// <summary><c>POST /api/deploy</c>: makes the cluster match a deployment file (YAML or JSON), validated whole first.</summary>
internal static class DeployRoutes
{
    public static RouteGroupBuilder MapDeploy(this RouteGroupBuilder group)
    {
        group.MapPost("/", DeployAsync);
        return group;
    }

    private static async Task<Results<JsonHttpResult<DeployResult?>, ProblemResult>> DeployAsync(
        HttpRequest request, AdminBody body, ServeClient client, CancellationToken ct)
    {
        var (json, refused) = await body.ReadDocumentAsync(request, ct);
        if (refused is not null)
        {
            return refused;
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
            return Rejected(result, result.Status == 400 ? "the deployment is invalid" : null);
        }

        await client.SeenAsync(result, ct);
        await client.SettleAsync([.. deployment.Backends.Keys], ct);
        return Ok(result.Deploy);
    }
}
