using Microsoft.Extensions.Options;

namespace Switchyard.Runtime.Client;

/// <summary>
/// Checks <see cref="SwitchyardClientOptions"/> before a client connects (the Orleans client is configured from
/// them), reporting every problem at once, each naming its property.
/// </summary>
internal sealed class SwitchyardClientOptionsValidator : IValidateOptions<SwitchyardClientOptions>
{
    public ValidateOptionsResult Validate(string? name, SwitchyardClientOptions options)
    {
        var problems = new List<string>();
        if (options.GatewayPort is < 1 or > 65535)
        {
            problems.Add($"{nameof(SwitchyardClientOptions)}.{nameof(SwitchyardClientOptions.GatewayPort)} must be between 1 and 65535 (got {options.GatewayPort})");
        }

        foreach (var (property, file) in new[] { (nameof(options.TlsCertificateFile), options.TlsCertificateFile), (nameof(options.TlsCaFile), options.TlsCaFile) })
        {
            if (file is not null && !File.Exists(file))
            {
                problems.Add($"{nameof(SwitchyardClientOptions)}.{property} {file}: no such file");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every problem with <paramref name="options"/>.</summary>
    public static void ThrowIfInvalid(SwitchyardClientOptions options)
    {
        var result = new SwitchyardClientOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(nameof(SwitchyardClientOptions), typeof(SwitchyardClientOptions), result.Failures);
        }
    }
}
