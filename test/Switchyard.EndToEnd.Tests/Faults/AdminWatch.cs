using System.Net;
using System.Text.Json.Nodes;

namespace Switchyard.EndToEnd.Tests.Faults;

/// <summary>
/// Asks a node's <c>/api/status</c> again and again (one call after the other, each allowed to wait while the
/// controller moves) until a condition holds, remembering every answer that was not a 200.
/// </summary>
public static class AdminWatch
{
    /// <summary>The time on <paramref name="clock"/> of the first answer for which <paramref name="condition"/> held.</summary>
    public static async Task<TimeSpan> UntilAsync(
        NodeProcess node, Func<TimeSpan> clock, Func<JsonNode, bool> condition, List<string> errors, string what, int seconds)
    {
        await Eventually.ValueAsync(
            async ct =>
            {
                using var response = await node.Admin.GetAsync("api/status", ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return JsonNode.Parse(body);
                }

                errors.Add($"[{clock().TotalSeconds:0.00}s] {(int)response.StatusCode} {body}");
                return null;
            },
            status => status is not null && condition(status),
            what,
            seconds,
            describe: status => status?.ToJsonString() ?? "an error (see the admin errors)");
        return clock();
    }
}
