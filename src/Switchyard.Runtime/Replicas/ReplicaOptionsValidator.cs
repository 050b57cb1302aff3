using Microsoft.Extensions.Options;

namespace Switchyard.Runtime.Replicas;

/// <summary>Checks <see cref="ReplicaOptions"/> at start, naming every property that is out of range.</summary>
internal sealed class ReplicaOptionsValidator : IValidateOptions<ReplicaOptions>
{
    /// <summary>The longest wait a timer takes (about 49 days).</summary>
    private static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public ValidateOptionsResult Validate(string? name, ReplicaOptions options)
    {
        var problems = new List<string>();
        if (options.StartTimeout <= TimeSpan.Zero || options.StartTimeout > Longest)
        {
            problems.Add($"{nameof(ReplicaOptions)}.{nameof(ReplicaOptions.StartTimeout)} (replica_start_timeout_s) must be > 0 and at most {Longest.TotalDays:0} days (got {options.StartTimeout})");
        }

        if (options.DrainGrace < TimeSpan.Zero || options.DrainGrace > Longest)
        {
            problems.Add($"{nameof(ReplicaOptions)}.{nameof(ReplicaOptions.DrainGrace)} must be ≥ 0 and at most {Longest.TotalDays:0} days (got {options.DrainGrace})");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
