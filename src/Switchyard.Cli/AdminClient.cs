using System.Text.Json;

namespace Switchyard.Cli;

/// <summary>Calls a node's admin API; every failure becomes one readable line.</summary>
internal sealed class AdminClient(HttpClient http) : IDisposable
{
    /// <summary>Sends a request and returns the body of a success; anything else throws with the problem's detail.</summary>
    public async Task<string> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new CommandLineException($"cannot reach the admin API at {http.BaseAddress}: {ex.Message}");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.IsSuccessStatusCode ? body : throw new CommandLineException(Detail(body, (int)response.StatusCode));
        }
    }

    public void Dispose() => http.Dispose();

    private static string Detail(string body, int status)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("detail", out var detail))
            {
                return $"{status}: {detail.GetString()}";
            }
        }
        catch (JsonException)
        {
        }

        return $"{status}: {body.ReplaceLineEndings(" ")}";
    }
}
