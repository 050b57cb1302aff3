using Microsoft.Extensions.Options;

namespace Switchyard.Runtime.Admin;

/// <summary>Checks <see cref="AdminOptions"/> when the host starts, naming every property that is out of range.</summary>
internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var problems = new List<string>();
        if (options.MaxBodyBytes <= 0)
        {
            problems.Add($"{nameof(AdminOptions)}.{nameof(AdminOptions.MaxBodyBytes)} must be > 0 (got {options.MaxBodyBytes})");
        }

        foreach (var host in options.AllowedHosts.Where(h => Uri.CheckHostName(h) == UriHostNameType.Unknown))
        {
            problems.Add($"{nameof(AdminOptions)}.{nameof(AdminOptions.AllowedHosts)} '{host}' is not a host name or address");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
