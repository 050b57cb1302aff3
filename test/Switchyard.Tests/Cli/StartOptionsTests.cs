using Switchyard.Cli;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Hosting;

namespace Switchyard.Tests.Cli;

public sealed class StartOptionsTests
{
    [Fact]
    public void Bind_RepeatableAndEqualsForms_AllKept()
    {
        var options = Bind("--assembly", "a.dll", "--assembly=b.dll", "--http-port", "9000", "--admin-allowed-hosts", "a.example,b.example", "--admin-allowed-hosts", "c.example");
        Assert.Equal(["a.dll", "b.dll"], options.Assemblies);
        Assert.Equal(9000, options.HttpPort);
        Assert.Equal(["a.example", "b.example", "c.example"], options.AdminAllowedHosts);
    }

    [Fact]
    public void Bind_SingleValueGivenTwice_LastWins()
    {
        var options = Bind("--node-id", "first", "--http-port", "9000", "--node-id", "second", "--http-port", "9001");
        Assert.Equal("second", options.NodeId);
        Assert.Equal(9001, options.HttpPort);
    }

    [Fact]
    public void Bind_NothingGiven_TheOptionsDefaults()
    {
        var options = Bind();
        var defaults = new SwitchyardNodeOptions();
        Assert.Equal(defaults.HttpPort, options.HttpPort);
        Assert.Equal(defaults.AdminHost, options.AdminHost);
        Assert.Equal(Path.GetFullPath(defaults.StateDirectory), Path.GetFullPath(options.StateDirectory));
        Assert.Equal(LogFormat.Text, options.LogFormat);
        Assert.Null(options.NumGpus);
        Assert.Null(options.OtlpEndpoint);
        Assert.Empty(options.CustomResources);
    }

    [Fact]
    public void Bind_NewOptions_Mapped()
    {
        var options = Bind("--log-format", "JSON", "--otlp-endpoint", "http://127.0.0.1:4318", "--resources", "{\"a\": 2}", "--num-gpus", "1");
        Assert.Equal(LogFormat.Json, options.LogFormat);
        Assert.Equal(new Uri("http://127.0.0.1:4318"), options.OtlpEndpoint);
        Assert.Equal(2, options.CustomResources["a"]);
        Assert.Equal(1, options.NumGpus);
    }

    [Theory]
    [InlineData("flag", "file", "env", "flag", null)]
    [InlineData(null, "file", "env", null, "file")]
    [InlineData(null, null, "env", "env", null)]
    [InlineData("", "", "", null, null)]
    public void Choose_Precedence_FlagThenFileThenEnvironment(string? flag, string? file, string? environment, string? token, string? tokenFile)
    {
        Assert.Equal((token, tokenFile), AdminTokenOptions.Choose(flag, file, environment));
    }

    [Fact]
    public void Choose_WhiteSpaceEnvironmentToken_RefusedNamingTheVariable()
    {
        var error = Assert.Throws<CommandLineException>(() => AdminTokenOptions.Choose(null, null, " \t"));
        Assert.Equal("$SWITCHYARD_ADMIN_TOKEN is only white space; a token must have other characters", error.Message);
        Assert.Equal(("flag", null), AdminTokenOptions.Choose("flag", null, " ")); // not in force: not judged
    }

    [Fact]
    public void Replace_PropertyNames_BecomeFlags()
    {
        Assert.Equal(
            "--http-port and --admin-port are all 9000; MaxRequestBodyBytes must be > 0",
            FlagNames.Replace("HttpPort and AdminPort are all 9000; MaxRequestBodyBytes must be > 0"));
    }

    [Fact]
    public void Replace_QualifiedNames_OnlyNodeOptionsBecomeFlags()
    {
        Assert.Equal(
            "--gateway-port must be between 1 and 65535; SwitchyardClientOptions.GatewayPort must be too",
            FlagNames.Replace("SwitchyardNodeOptions.GatewayPort must be between 1 and 65535; SwitchyardClientOptions.GatewayPort must be too"));
    }

    [Fact]
    public void Replace_ConfigurationBoundOption_KeptAndItsSettingNamed()
    {
        Assert.Equal(
            "ReplicaOptions.StartTimeout (replica_start_timeout_s) must be > 0 (got -00:00:01); " +
            "ReplicaOptions.StartTimeout is the setting Switchyard:Replicas:StartTimeout (environment variable Switchyard__Replicas__StartTimeout)",
            FlagNames.Replace("ReplicaOptions.StartTimeout (replica_start_timeout_s) must be > 0 (got -00:00:01)"));
    }

    private static SwitchyardNodeOptions Bind(params string[] args)
    {
        var start = new StartOptions();
        var command = new System.CommandLine.RootCommand();
        start.AddTo(command);
        var result = command.Parse(args);
        Assert.Empty(result.Errors);
        return start.Bind(result);
    }
}
