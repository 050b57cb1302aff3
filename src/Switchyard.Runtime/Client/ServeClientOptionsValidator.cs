using Microsoft.Extensions.Options;

namespace Switchyard.Runtime.Client;

/// <summary>Checks <see cref="ServeClientOptions"/> when the host starts, naming the property that is out of range.</summary>
internal sealed class ServeClientOptionsValidator : IValidateOptions<ServeClientOptions>
{
    /// <summary>The longest wait a timer takes (about 49 days).</summary>
    private static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public ValidateOptionsResult Validate(string? name, ServeClientOptions options) =>
        options.SettleTimeout > TimeSpan.Zero && options.SettleTimeout <= Longest
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{nameof(ServeClientOptions)}.{nameof(ServeClientOptions.SettleTimeout)} must be > 0 and at most {(int)Longest.TotalDays} days (got {options.SettleTimeout})");
}
