using Switchyard.Runtime.Cluster;
using Switchyard.Runtime.Hosting;

namespace Switchyard.Tests.Cluster;

public sealed class ClusterTargetTests
{
    [Fact]
    public void TryParse_PasswordAndUser_ReadAndNeverPrinted()
    {
        Assert.True(ClusterTarget.TryParse("redis://ops:s%40cret@10.0.0.5:6380/prod", out var target, out _));
        Assert.Equal(("10.0.0.5", 6380, "ops", "s@cret", false, "prod"), (target.Host, target.Port, target.User, target.Password, target.UseTls, target.ClusterId));
        Assert.Equal("redis://ops:***@10.0.0.5:6380/prod", target.Redacted);
        Assert.DoesNotContain("cret", target.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_PasswordOnly_NoUser()
    {
        Assert.True(ClusterTarget.TryParse("redis://:pw@localhost", out var target, out _));
        Assert.Null(target.User);
        Assert.Equal("pw", target.Password);
        Assert.True(target.IsLoopback);
    }

    [Fact]
    public void TryParse_Rediss_UsesTls()
    {
        Assert.True(ClusterTarget.TryParse("rediss://:pw@redis.internal:6379", out var target, out _));
        var options = RedisConnection.Options(target);
        Assert.True(options.Ssl);
        Assert.Equal("redis.internal", options.SslHost);
        Assert.Equal("pw", options.Password);
    }

    [Fact]
    public void TryParse_BadUrlWithPassword_ErrorMasksIt()
    {
        Assert.False(ClusterTarget.TryParse("http://u:hunter2@host", out _, out var error));
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
        Assert.Contains("u:***@host", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadClusterName_ErrorMasksThePassword()
    {
        var problems = SwitchyardNodeOptionsValidator.Problems(new SwitchyardNodeOptions { ClusterUrl = "redis://:hunter2@host/bad name!" });
        Assert.DoesNotContain(problems, p => p.Contains("hunter2", StringComparison.Ordinal));
    }
}
