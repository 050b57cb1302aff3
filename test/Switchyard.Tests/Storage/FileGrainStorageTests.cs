using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Switchyard.Runtime.Storage;

namespace Switchyard.Tests.Storage;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileGrainStorageTests : IDisposable
{
    private readonly string _path = Directory.CreateTempSubdirectory("switchyard-storage-").FullName;
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_path, recursive: true);
    }

    [Fact]
    public async Task WriteStateAsync_TwoWrites_CurrentAndPreviousCopyOwnerOnly()
    {
        var storage = new FileGrainStorage(_path, _services.GetRequiredService<Serializer>());
        var grain = GrainId.Create("test", "a");
        var state = new GrainState<List<string>>(["one"]);
        await storage.WriteStateAsync("s", grain, state);
        state.State = ["one", "two"];
        await storage.WriteStateAsync("s", grain, state);

        var file = Assert.Single(Directory.GetFiles(_path, "*.bin"));
        Assert.Equal(StateDirectory.OwnerOnlyFile, File.GetUnixFileMode(file));
        Assert.Equal(1, StateFile.Decode(File.ReadAllBytes(file + StateDirectory.PreviousSuffix), out _)!.Version);

        var read = new GrainState<List<string>>();
        await storage.ReadStateAsync("s", grain, read);
        Assert.Equal(["one", "two"], read.State);
        Assert.Equal("2", read.ETag);
    }

    [Fact]
    public async Task ReadStateAsync_FileDamagedWhileRunning_ServesThePreviousGoodCopy()
    {
        var storage = new FileGrainStorage(_path, _services.GetRequiredService<Serializer>());
        var grain = GrainId.Create("test", "a");
        var state = new GrainState<List<string>>(["one"]);
        await storage.WriteStateAsync("s", grain, state);
        state.State = ["one", "two"];
        await storage.WriteStateAsync("s", grain, state);
        var file = Assert.Single(Directory.GetFiles(_path, "*.bin"));
        await File.WriteAllBytesAsync(file, (await File.ReadAllBytesAsync(file))[..20]);

        var read = new GrainState<List<string>>();
        await storage.ReadStateAsync("s", grain, read);
        Assert.Equal(["one"], read.State);
    }
}
