using Microsoft.Extensions.Options;

namespace Switchyard.Runtime.Ingress;

/// <summary>Checks <see cref="IngressOptions"/> when the host starts, naming every property that is out of range.</summary>
internal sealed class IngressOptionsValidator : IValidateOptions<IngressOptions>
{
    public ValidateOptionsResult Validate(string? name, IngressOptions options)
    {
        var problems = Problems(options.MaxRequestBodyBytes, options.MaxBufferedBodyBytes, nameof(IngressOptions) + ".");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>The problems of a body limit and a budget, each named with <paramref name="prefix"/> (shared with the node's options).</summary>
    public static List<string> Problems(long maxRequestBodyBytes, long maxBufferedBodyBytes, string prefix)
    {
        var problems = new List<string>();
        if (maxRequestBodyBytes <= 0)
        {
            problems.Add($"{prefix}{nameof(IngressOptions.MaxRequestBodyBytes)} must be > 0 (got {maxRequestBodyBytes})");
        }

        if (maxBufferedBodyBytes < Math.Max(1, maxRequestBodyBytes))
        {
            problems.Add($"{prefix}{nameof(IngressOptions.MaxBufferedBodyBytes)} must be at least {prefix}{nameof(IngressOptions.MaxRequestBodyBytes)} ({maxRequestBodyBytes}), or no body of the largest size could be read (got {maxBufferedBodyBytes})");
        }

        return problems;
    }
}
