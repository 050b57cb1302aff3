using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Switchyard.Runtime.Specs;

namespace Switchyard.Cli;

/// <summary><c>switchyard deploy</c> and <c>switchyard status</c>: clients of a node's admin API.</summary>
internal static class AdminCommands
{
    public static async Task<int> DeployAsync(CommandLine line, TextWriter output, CancellationToken cancellationToken)
    {
        if (line.Arguments.Count != 1)
        {
            throw new CommandLineException("usage: switchyard deploy FILE [--admin URL] [--admin-token TOKEN]");
        }

        var file = line.Arguments[0];
        if (!File.Exists(file))
        {
            throw new CommandLineException($"{file}: no such file");
        }

        JsonElement json;
        try
        {
            json = DeploymentFile.Load(file);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new CommandLineException($"{file}: not valid YAML or JSON: {ex.Message}");
        }

        using var client = CreateClient(line);
        using var content = new StringContent(json.GetRawText(), Encoding.UTF8, "application/json");
        using var response = await Send(() => client.PostAsync("api/deploy", content, cancellationToken), client);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new CommandLineException($"{file}: {Detail(body, (int)response.StatusCode)}");
        }

        await output.WriteLineAsync(body);
        return 0;
    }

    public static async Task<int> StatusAsync(CommandLine line, TextWriter output, CancellationToken cancellationToken)
    {
        using var client = CreateClient(line);
        using var response = await Send(() => client.GetAsync("api/status", cancellationToken), client);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new CommandLineException(Detail(body, (int)response.StatusCode));
        }

        using var document = JsonDocument.Parse(body);
        await output.WriteLineAsync(JsonSerializer.Serialize(document.RootElement, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static HttpClient CreateClient(CommandLine line)
    {
        var admin = line.Get("--admin") ?? "http://127.0.0.1:8265";
        if (!Uri.TryCreate(admin.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CommandLineException($"--admin '{admin}' is not an http(s) URL");
        }

        var client = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromMinutes(2) };
        if (line.Get("--admin-token") is { } token)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private static async Task<HttpResponseMessage> Send(Func<Task<HttpResponseMessage>> send, HttpClient client)
    {
        try
        {
            return await send();
        }
        catch (HttpRequestException ex)
        {
            throw new CommandLineException($"cannot reach the admin API at {client.BaseAddress}: {ex.Message}");
        }
    }

    private static string Detail(string body, int status)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("detail", out var detail))
            {
                return $"{status}: {detail.GetString()}";
            }
        }
        catch (JsonException)
        {
        }

        return $"{status}: {body}";
    }
}
