using Switchyard.Runtime.Control.Model;

namespace Switchyard.Tests.Control.Model;

public sealed class StoreErrorTests
{
    [Fact]
    public void Describe_RedisStyleMessage_KeepsTheFirstStatementOnly()
    {
        var error = new InvalidOperationException("Failed to write grain state. RedisConnectionException: no connection became available (5000ms) - Last Connection Exception: UnableToConnect on 127.0.0.1:6379, state: Connecting, mgr: 6 of 10");
        Assert.Equal("Failed to write grain state. RedisConnectionException: no connection became available (5000ms)", StoreError.Describe(error));
    }

    [Fact]
    public void Describe_WrappedWithAStackInTheMessage_TheInnermostFirstLine()
    {
        var error = new OrleansException("Error from storage provider\n   at Some.Frame()", new IOException("Read-only file system : '/state/controller.bin.tmp'"));
        Assert.Equal("Read-only file system : '/state/controller.bin.tmp'", StoreError.Describe(error));
    }

    [Fact]
    public void Describe_VeryLong_Capped()
    {
        var described = StoreError.Describe(new IOException(new string('x', 1000)));
        Assert.Equal(StoreError.MaxLength, described.Length);
        Assert.EndsWith("…", described, StringComparison.Ordinal);
    }
}
