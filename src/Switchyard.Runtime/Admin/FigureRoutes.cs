using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Switchyard.Runtime.Client;
using Switchyard.Runtime.Control;

namespace Switchyard.Runtime.Admin;

/// <summary>
/// <c>GET /api/figures</c>: the last five minutes of every backend's figures, one point per second, for the dashboard
/// (an addition beyond CONTRACT section 6, documented in docs/operations.md). Columns, not rows: each figure is one
/// array, <c>null</c> where there is none.
/// </summary>
internal static class FigureRoutes
{
    private static readonly (string Name, Func<BackendSeries, double[]> Values)[] Columns =
    [
        ("requests_per_s", s => s.RequestsPerS),
        ("error_rate", s => s.ErrorRate),
        ("p50_ms", s => s.P50Ms),
        ("p99_ms", s => s.P99Ms),
        ("batch_size", s => s.BatchSize),
        ("queued", s => s.Queued),
        ("ongoing", s => s.Ongoing),
    ];

    public static RouteGroupBuilder MapFigures(this RouteGroupBuilder group)
    {
        group.MapGet("/", FiguresAsync);
        return group;
    }

    private static async Task<Utf8ContentHttpResult> FiguresAsync(ServeClient client, CancellationToken ct)
    {
        var figures = await client.ControlAsync(c => c.GetFiguresAsync(ct), ct);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("step_s", 1);
            json.WriteNumber("points", figures.Points);
            json.WriteNumber("end", figures.EndSecond);
            json.WriteStartObject("backends");
            foreach (var (name, series) in figures.Backends.OrderBy(b => b.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject(name);
                foreach (var (column, values) in Columns)
                {
                    json.WriteStartArray(column);
                    foreach (var value in values(series))
                    {
                        if (double.IsFinite(value))
                        {
                            json.WriteNumberValue(Math.Round(value, 3));
                        }
                        else
                        {
                            json.WriteNullValue();
                        }
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return TypedResults.Text(buffer.ToArray(), "application/json; charset=utf-8");
    }
}
