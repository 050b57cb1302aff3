using Switchyard.Runtime.Replicas;

namespace Switchyard.Tests.Replicas;

public sealed class ReplicaOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var options = new ReplicaOptions();
        Assert.Equal(TimeSpan.FromSeconds(120), options.StartTimeout);
        Assert.True(new ReplicaOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_OutOfRange_EveryPropertyNamed()
    {
        var result = new ReplicaOptionsValidator().Validate(null, new ReplicaOptions { StartTimeout = TimeSpan.Zero, DrainGrace = TimeSpan.FromSeconds(-1) });
        Assert.True(result.Failed);
        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("ReplicaOptions.StartTimeout (replica_start_timeout_s) must be > 0", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("ReplicaOptions.DrainGrace must be ≥ 0", StringComparison.Ordinal));
    }
}
