using Switchyard.Cli;

namespace Switchyard.Tests.Cli;

public sealed class CliAppTests
{
    [Fact]
    public async Task RunAsync_BadOption_ExitCodeTwoAndOneLine()
    {
        var (code, _, error) = await Run("start", "--http-port", "0");
        Assert.Equal(2, code);
        Assert.Equal("switchyard: --http-port must be between 1 and 65535 (got 0)", error);
    }

    [Fact]
    public async Task RunAsync_NotANumber_NamesTheOptionAndValue()
    {
        var (code, _, error) = await Run("start", "--http-port", "eighty");
        Assert.Equal(2, code);
        Assert.Equal("switchyard: option --http-port must be a whole number (got 'eighty')", error);
    }

    [Fact]
    public async Task RunAsync_UnknownOption_OneReadableLine()
    {
        var (code, _, error) = await Run("start", "--colour", "red");
        Assert.Equal(2, code);
        Assert.Equal("switchyard: unknown option --colour for 'switchyard start' (see 'switchyard start --help')", error);
    }

    [Fact]
    public async Task RunAsync_ValueAfterAValuedOption_NotSwallowed()
    {
        var (code, _, error) = await Run("start", "--http-port", "9000", "9001");
        Assert.Equal(2, code);
        Assert.Equal("switchyard: unexpected argument '9001' for 'switchyard start' (see 'switchyard start --help')", error);
    }

    [Fact]
    public async Task RunAsync_UnknownCommand_ListsCommands()
    {
        var (code, _, error) = await Run("serve");
        Assert.Equal(2, code);
        Assert.Equal("switchyard: unknown command 'serve' (commands: start, deploy, status)", error);
    }

    [Fact]
    public async Task RunAsync_MissingValue_NamesTheOption()
    {
        var (code, _, error) = await Run("start", "--http-port");
        Assert.Equal(2, code);
        Assert.Contains("--http-port", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Theory]
    [InlineData("--log-format", "xml", "option --log-format must be text or json (got 'xml')")]
    [InlineData("--otlp-endpoint", "collector:4318", "option --otlp-endpoint must be an http(s) URL (got 'collector:4318')")]
    [InlineData("--num-cpus", "many", "option --num-cpus must be a number (got 'many')")]
    [InlineData("--resources", "[1]", "option --resources must be a JSON object of name to amount")]
    [InlineData("--admin-allowed-hosts", "a b,ok.example", "--admin-allowed-hosts 'a b' is not a host name or address")]
    public async Task RunAsync_BadValue_ExitCodeTwoNamingIt(string option, string value, string expected)
    {
        var (code, _, error) = await Run("start", option, value);
        Assert.Equal(2, code);
        Assert.StartsWith("switchyard: " + expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public async Task RunAsync_SeveralProblems_AllNamedOnOneLine()
    {
        var (code, _, error) = await Run("start", "--http-port", "9000", "--admin-port", "9000", "--num-gpus", "-1");
        Assert.Equal(2, code);
        Assert.Contains("--http-port and --admin-port are all 9000", error, StringComparison.Ordinal);
        Assert.Contains("--num-gpus must be ≥ 0 (got -1)", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Theory]
    [InlineData("start")]
    [InlineData("deploy")]
    [InlineData("status")]
    public async Task RunAsync_Help_ExitZeroListingOptions(string command)
    {
        var (code, output, _) = await Run(command, "--help");
        Assert.Equal(0, code);
        Assert.Contains("--admin-token-file", output, StringComparison.Ordinal);
        Assert.Contains("SWITCHYARD_ADMIN_TOKEN", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_StartHelp_ShowsEveryContractOption()
    {
        var (_, output, _) = await Run("start", "--help");
        string[] options =
        [
            "--http-host", "--http-port", "--admin-host", "--admin-port", "--config", "--assembly", "--state-dir", "--cluster",
            "--node-id", "--silo-port", "--gateway-port", "--num-cpus", "--num-gpus", "--resources", "--admin-token",
            "--admin-token-file", "--log-format", "--otlp-endpoint", "--admin-allowed-hosts",
        ];
        foreach (var option in options)
        {
            Assert.Contains(option + " <", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunAsync_NoArguments_HelpAndExitZero()
    {
        var (code, output, _) = await Run();
        Assert.Equal(0, code);
        Assert.Contains("status", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_StatusWithUnreadableTokenFile_NamesTheFile()
    {
        var (code, _, error) = await Run("status", "--admin-token-file", "/no/such/token");
        Assert.Equal(2, code);
        Assert.StartsWith("switchyard: --admin-token-file /no/such/token: cannot be read", error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString().Trim());
    }
}
