using Switchyard.Runtime.Hosting;


namespace Switchyard.Tests.Hosting;

public sealed class SwitchyardNodeOptionsTests
{
    [Fact]
    public void Validate_Defaults_Valid() => Assert.Empty(new SwitchyardNodeOptions().Validate());

    [Fact]
    public void Validate_PublicAdminWithoutToken_Refused()
    {
        var problems = new SwitchyardNodeOptions { AdminHost = "0.0.0.0" }.Validate();
        Assert.Contains("--admin-token", Assert.Single(problems), StringComparison.Ordinal);
        Assert.Empty(new SwitchyardNodeOptions { AdminHost = "0.0.0.0", AdminToken = "s3cret" }.Validate());
    }

    [Fact]
    public void Validate_SamePortTwiceAndOutOfRange_EveryProblem()
    {
        var problems = new SwitchyardNodeOptions { HttpPort = 9000, AdminPort = 9000, SiloPort = 70000 }.Validate();
        Assert.Equal(2, problems.Count);
    }
}
