using Switchyard.Runtime.Storage;

namespace Switchyard.Tests.Storage;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StateDirectoryTests : IDisposable
{
    private readonly string _path = Directory.CreateTempSubdirectory("switchyard-state-").FullName;

    public void Dispose() => Directory.Delete(_path, recursive: true);

    private string StateFilePath => Path.Combine(_path, "controller-0.bin");

    [Fact]
    public void Open_Twice_SecondRefusedNamingTheFolderAndTheHolder()
    {
        using var first = StateDirectory.Open(_path);
        var ex = Assert.Throws<StateDirectoryException>(() => StateDirectory.Open(_path));
        Assert.Contains(_path, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"pid {Environment.ProcessId}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_AfterTheHolderClosed_Succeeds()
    {
        StateDirectory.Open(_path).Dispose();
        using var again = StateDirectory.Open(_path);
        Assert.Empty(again.Recoveries);
    }

    [Fact]
    public void Open_FolderAndFiles_OwnerOnly()
    {
        File.WriteAllBytes(StateFilePath, StateFile.Encode(1, [1, 2, 3]));
        File.SetUnixFileMode(StateFilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        using var directory = StateDirectory.Open(_path);
        Assert.Equal(StateDirectory.OwnerOnlyDirectory, File.GetUnixFileMode(_path));
        Assert.Equal(StateDirectory.OwnerOnlyFile, File.GetUnixFileMode(StateFilePath));
        Assert.Equal(StateDirectory.OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(_path, StateDirectory.LockFileName)));
    }

    [Fact]
    public void Open_LeftoverTemporaryFile_Removed()
    {
        File.WriteAllText(StateFilePath + ".tmp", "half a write");
        using var directory = StateDirectory.Open(_path);
        Assert.False(File.Exists(StateFilePath + ".tmp"));
    }

    [Theory]
    [InlineData(10)] // inside the header
    [InlineData(60)] // inside the payload
    public void Open_TruncatedFileWithGoodPrevious_StartsFromThePreviousAndKeepsTheBadOne(int keep)
    {
        File.WriteAllBytes(StateFilePath + StateDirectory.PreviousSuffix, StateFile.Encode(4, [4, 4, 4]));
        var current = StateFile.Encode(5, [5, 5, 5, 5, 5, 5, 5, 5, 5, 5]);
        File.WriteAllBytes(StateFilePath, current.AsSpan(0, keep).ToArray());
        using var directory = StateDirectory.Open(_path);
        var recovery = Assert.Single(directory.Recoveries);
        Assert.Contains(StateFilePath, recovery, StringComparison.Ordinal);
        Assert.Contains("truncated", recovery, StringComparison.Ordinal);
        Assert.Equal(4, StateFile.Decode(File.ReadAllBytes(StateFilePath), out _)!.Version);
        Assert.Equal(keep, new FileInfo(StateFilePath + StateDirectory.CorruptSuffix).Length);
    }

    [Fact]
    public void Open_DamagedFileWithoutPrevious_RefusedNamingTheFileAndWhatToDo()
    {
        var bytes = StateFile.Encode(5, [1, 2, 3, 4]);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(StateFilePath, bytes);
        var ex = Assert.Throws<StateDirectoryException>(() => StateDirectory.Open(_path));
        Assert.Contains(StateFilePath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not match its checksum", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Restore it from a backup", ex.Message, StringComparison.Ordinal);
        using var released = StateDirectory.Open(Directory.CreateTempSubdirectory("switchyard-state-").FullName);
    }

    [Fact]
    public void Open_NewerSchema_Refused()
    {
        var bytes = StateFile.Encode(5, [1]);
        bytes[8] = StateFile.CurrentSchema + 1;
        File.WriteAllBytes(StateFilePath, bytes);
        var ex = Assert.Throws<StateDirectoryException>(() => StateDirectory.Open(_path));
        Assert.Contains("newer switchyard", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"state schema {StateFile.CurrentSchema + 1}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_SchemaZeroFile_MigratedKeepingTheOriginal()
    {
        byte[] legacy = [7, 0, 0, 0, 0, 0, 0, 0, 9, 8, 7];
        File.WriteAllBytes(StateFilePath, legacy);
        using var directory = StateDirectory.Open(_path);
        Assert.Contains("migrated from state schema 0", Assert.Single(directory.Recoveries), StringComparison.Ordinal);
        var migrated = StateFile.Decode(File.ReadAllBytes(StateFilePath), out var problem)!;
        Assert.Null(problem);
        Assert.Equal((StateFile.CurrentSchema, 7L), (migrated.Schema, migrated.Version));
        Assert.Equal([9, 8, 7], migrated.Payload.ToArray());
        Assert.Equal(legacy, File.ReadAllBytes(StateFilePath + StateDirectory.PreviousSuffix));
    }
}
