using System.CommandLine;
using System.Net.Http.Headers;

namespace Switchyard.Cli;

/// <summary>The options every client command shares: which admin API to call and with which token.</summary>
internal sealed class AdminClientOptions
{
    public const string DefaultAdmin = "http://127.0.0.1:8265";

    public Option<Uri?> Admin { get; } = OptionParsers.HttpUrl("--admin", "URL", $"The node's admin API. [default: {DefaultAdmin}]");

    public AdminTokenOptions Token { get; } = new();

    public void AddTo(Command command)
    {
        command.Add(Admin);
        command.Add(Token.Token);
        command.Add(Token.TokenFile);
    }

    public AdminClient CreateClient(ParseResult result)
    {
        var admin = result.GetValue(Admin) ?? new Uri(DefaultAdmin);
        var client = new HttpClient
        {
            BaseAddress = new Uri(admin.ToString().TrimEnd('/') + "/"),
            Timeout = TimeSpan.FromMinutes(2),
        };
        if (Token.Resolve(result) is { } token)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return new AdminClient(client);
    }
}
