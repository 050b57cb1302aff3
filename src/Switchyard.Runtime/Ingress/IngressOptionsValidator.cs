using Microsoft.Extensions.Options;

namespace Switchyard.Runtime.Ingress;

/// <summary>Checks <see cref="IngressOptions"/> when the host starts, naming the property that is out of range.</summary>
internal sealed class IngressOptionsValidator : IValidateOptions<IngressOptions>
{
    public ValidateOptionsResult Validate(string? name, IngressOptions options) =>
        options.MaxRequestBodyBytes > 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{nameof(IngressOptions)}.{nameof(IngressOptions.MaxRequestBodyBytes)} must be > 0 (got {options.MaxRequestBodyBytes})");
}
