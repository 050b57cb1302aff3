using Switchyard.Cli;

namespace Switchyard.Tests.Cli;

public sealed class CommandLineTests
{
    private static readonly Dictionary<string, string[]> Known = new() { ["start"] = ["--http-port", "--assembly"], ["status"] = [] };

    [Fact]
    public void Parse_RepeatableAndEqualsForms_AllKept()
    {
        var line = CommandLine.Parse(["start", "--assembly", "a.dll", "--assembly=b.dll", "--http-port", "9000"], Known);
        Assert.Equal(["a.dll", "b.dll"], line.GetAll("--assembly"));
        Assert.Equal(9000, line.GetInt("--http-port"));
    }

    [Fact]
    public void Parse_UnknownOption_OneReadableLine()
    {
        var ex = Assert.Throws<CommandLineException>(() => CommandLine.Parse(["start", "--colour", "red"], Known));
        Assert.StartsWith("unknown option --colour for 'start'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetInt_NotANumber_NamesTheOption()
    {
        var line = CommandLine.Parse(["start", "--http-port", "eighty"], Known);
        var ex = Assert.Throws<CommandLineException>(() => line.GetInt("--http-port"));
        Assert.Equal("option --http-port must be a whole number (got 'eighty')", ex.Message);
    }

    [Fact]
    public void Parse_MissingValue_Reported()
    {
        Assert.Throws<CommandLineException>(() => CommandLine.Parse(["start", "--http-port"], Known));
    }

    [Fact]
    public async Task RunAsync_BadOption_ExitCodeTwoAndOneLine()
    {
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["start", "--http-port", "0"], TextWriter.Null, error, CancellationToken.None);
        Assert.Equal(2, code);
        Assert.Equal("switchyard: --http-port must be between 1 and 65535 (got 0)", error.ToString().Trim());
    }
}
