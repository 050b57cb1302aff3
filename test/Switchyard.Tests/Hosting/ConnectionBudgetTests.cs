using Switchyard.Runtime.Hosting;

namespace Switchyard.Tests.Hosting;

public sealed class ConnectionBudgetTests
{
    [Theory]
    [InlineData(600, 44)]        // 512 kept back, half of the rest each
    [InlineData(1024, 256)]
    [InlineData(4096, 1_638)]    // a fifth kept back
    [InlineData(20_000, 8_000)]
    [InlineData(1_048_576, 50_000)]
    [InlineData(100, 32)]        // never fewer than 32
    public void PerPort_OpenFileLimit_KeepsRoomForTheRestOfTheNode(long openFiles, long expected) =>
        Assert.Equal(expected, ConnectionBudget.PerPort(openFiles));

    [Theory]
    [InlineData(600, 64)]        // an eighth of the 512 kept back
    [InlineData(20_000, 500)]    // an eighth of the fifth kept back
    [InlineData(10_000_000, 10_000)]
    public void PerClusterPort_OpenFileLimit_AnEighthOfWhatIsKeptBack(long openFiles, long expected) =>
        Assert.Equal(expected, ConnectionBudget.PerClusterPort(openFiles));

    [Fact]
    public void PerPortAndPerClusterPort_AllFourPorts_LeaveRoomForAnIdleNode()
    {
        foreach (var files in new long[] { 600, 1024, 4096, 20_000, 1_048_576 })
        {
            var ports = 2 * ConnectionBudget.PerPort(files) + 2 * ConnectionBudget.PerClusterPort(files);
            Assert.True(files - ports >= 300, $"{files} open files: the four ports may take {ports}, leaving {files - ports}");
        }
    }

    [Fact]
    public void Parse_ProcSelfLimits_SoftLimitOfOpenFiles()
    {
        string[] limits =
        [
            "Limit                     Soft Limit           Hard Limit           Units     ",
            "Max processes             127405               127405               processes ",
            "Max open files            1024                 524288               files     ",
        ];

        Assert.Equal(1024, ConnectionBudget.Parse(limits));
    }

    [Theory]
    [InlineData("Max open files            unlimited            unlimited            files     ")]
    [InlineData("Max processes             127405               127405               processes ")]
    public void Parse_NoNumberForOpenFiles_Null(string line) => Assert.Null(ConnectionBudget.Parse([line]));

    [Fact]
    public void OpenFileLimit_ThisProcess_ReadOnLinux()
    {
        var limit = ConnectionBudget.OpenFileLimit();
        Assert.Equal(OperatingSystem.IsLinux(), limit is > 0);
    }
}
