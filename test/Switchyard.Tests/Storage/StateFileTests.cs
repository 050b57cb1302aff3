using Switchyard.Runtime.Storage;

namespace Switchyard.Tests.Storage;

public sealed class StateFileTests
{
    [Fact]
    public void Decode_WhatEncodeWrote_RoundTrips()
    {
        var content = StateFile.Decode(StateFile.Encode(42, [1, 2, 3]), out var problem);
        Assert.Null(problem);
        Assert.Equal((StateFile.CurrentSchema, 42L), (content!.Schema, content.Version));
        Assert.Equal([1, 2, 3], content.Payload.ToArray());
    }

    [Fact]
    public void Decode_ExtraBytes_Damaged()
    {
        byte[] bytes = [.. StateFile.Encode(1, [1]), 0];
        Assert.Null(StateFile.Decode(bytes, out var problem));
        Assert.Contains("truncated or damaged", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TooShortForAnything_Truncated()
    {
        Assert.Null(StateFile.Decode(new byte[3], out var problem));
        Assert.Contains("truncated", problem, StringComparison.Ordinal);
    }
}
