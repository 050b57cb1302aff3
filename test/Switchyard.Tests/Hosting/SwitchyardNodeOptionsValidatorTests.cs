using Switchyard.Runtime.Hosting;

namespace Switchyard.Tests.Hosting;

public sealed class SwitchyardNodeOptionsValidatorTests
{
    [Fact]
    public void Problems_Defaults_None() => Assert.Empty(SwitchyardNodeOptionsValidator.Problems(new SwitchyardNodeOptions()));

    [Fact]
    public void Problems_PublicAdminWithoutToken_Refused()
    {
        var problems = SwitchyardNodeOptionsValidator.Problems(new SwitchyardNodeOptions { AdminHost = "0.0.0.0" });
        Assert.StartsWith("AdminHost 0.0.0.0 is not a loopback address", Assert.Single(problems), StringComparison.Ordinal);
        Assert.Empty(SwitchyardNodeOptionsValidator.Problems(new SwitchyardNodeOptions { AdminHost = "0.0.0.0", AdminToken = "s3cret" }));
    }

    [Fact]
    public void Problems_PublicAdminWithTokenFile_Accepted()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "token");
        File.WriteAllText(file, "s3cret\n");
        var options = new SwitchyardNodeOptions { AdminHost = "0.0.0.0", AdminTokenFile = file };
        Assert.Empty(SwitchyardNodeOptionsValidator.Problems(options));
        Assert.Equal("s3cret", SwitchyardNodeOptionsValidator.EffectiveToken(options, out _));
    }

    [Fact]
    public void Problems_EmptyTokenFile_Named()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "token");
        File.WriteAllText(file, "\n");
        var problems = SwitchyardNodeOptionsValidator.Problems(new SwitchyardNodeOptions { AdminTokenFile = file });
        Assert.Equal($"AdminTokenFile {file}: the first line is empty; it must hold the token", Assert.Single(problems));
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\t \t")]
    public void Problems_WhiteSpaceToken_Named(string token)
    {
        var problem = Assert.Single(SwitchyardNodeOptionsValidator.Problems(new SwitchyardNodeOptions { AdminHost = "0.0.0.0", AdminToken = token }));
        Assert.Equal("AdminToken is only white space; a token must have other characters", problem);
    }

    [Fact]
    public void EffectiveToken_TokenAndFile_TokenWins()
    {
        var options = new SwitchyardNodeOptions { AdminToken = "flag", AdminTokenFile = "/no/such/file" };
        Assert.Equal("flag", SwitchyardNodeOptionsValidator.EffectiveToken(options, out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void Problems_BodyBudgetBelowTheBodyLimit_Named()
    {
        var problem = Assert.Single(SwitchyardNodeOptionsValidator.Problems(new SwitchyardNodeOptions { MaxRequestBodyBytes = 1000, MaxBufferedBodyBytes = 999 }));
        Assert.Equal("MaxBufferedBodyBytes must be at least MaxRequestBodyBytes (1000), or no body of the largest size could be read (got 999)", problem);
    }

    [Fact]
    public void Problems_SamePortTwiceAndOutOfRange_EveryProblem()
    {
        var problems = SwitchyardNodeOptionsValidator.Problems(new SwitchyardNodeOptions { HttpPort = 9000, AdminPort = 9000, SiloPort = 70000 });
        Assert.Equal(["SiloPort must be between 1 and 65535 (got 70000)", "HttpPort and AdminPort are all 9000: each needs its own port"], problems);
    }

    [Fact]
    public void Problems_BadNewOptions_EachNamed()
    {
        var problems = SwitchyardNodeOptionsValidator.Problems(new SwitchyardNodeOptions
        {
            OtlpEndpoint = new Uri("ftp://collector"),
            AdminAllowedHosts = ["ok.example", "not a host"],
            LogFormat = (Runtime.Diagnostics.LogFormat)7,
        });
        Assert.Equal(3, problems.Count);
        Assert.Contains("OtlpEndpoint 'ftp://collector/' is not an http(s) URL", problems);
        Assert.Contains("AdminAllowedHosts 'not a host' is not a host name or address", problems);
        Assert.Contains("LogFormat must be text or json (got 7)", problems);
    }

    [Fact]
    public void Validate_AsOptionsValidator_FailsWithEveryProblem()
    {
        var result = new SwitchyardNodeOptionsValidator().Validate(null, new SwitchyardNodeOptions { HttpPort = 0, NodeId = " " });
        Assert.True(result.Failed);
        Assert.Equal(2, result.Failures!.Count());
    }
}
