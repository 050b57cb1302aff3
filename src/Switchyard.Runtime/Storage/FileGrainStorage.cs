using System.Buffers.Binary;
using Orleans.Serialization;
using Orleans.Storage;

namespace Switchyard.Runtime.Storage;

/// <summary>
/// The embedded store of a single node: one file per grain state in the state directory. A write goes to a
/// temporary file, is flushed to disk, then atomically renamed over the old one, so a kill at any moment
/// leaves either the old state or the new one, never a torn file.
/// </summary>
internal sealed class FileGrainStorage : IGrainStorage
{
    private readonly string _directory;
    private readonly Serializer _serializer;
    private readonly SemaphoreSlim _lock = new(1, 1);

    public FileGrainStorage(string directory, Serializer serializer)
    {
        _directory = directory;
        _serializer = serializer;
        Directory.CreateDirectory(directory);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        if (!File.Exists(path))
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var bytes = await File.ReadAllBytesAsync(path);
        var version = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        grainState.State = _serializer.Deserialize<T>(bytes.AsMemory(sizeof(long)));
        grainState.ETag = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        await _lock.WaitAsync();
        try
        {
            var stored = File.Exists(path) ? ReadVersion(path) : (long?)null;
            var expected = grainState.ETag is null ? (long?)null : long.Parse(grainState.ETag, System.Globalization.CultureInfo.InvariantCulture);
            if (stored != expected)
            {
                throw new InconsistentStateException($"The stored state of {grainId} changed underneath (stored {stored}, expected {expected}).", stored?.ToString(), grainState.ETag);
            }

            var version = (stored ?? 0) + 1;
            var payload = _serializer.SerializeToArray(grainState.State);
            var temporary = path + ".tmp";
            await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                var header = new byte[sizeof(long)];
                BinaryPrimitives.WriteInt64LittleEndian(header, version);
                await file.WriteAsync(header);
                await file.WriteAsync(payload);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            grainState.ETag = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        finally
        {
            _lock.Release();
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        File.Delete(PathOf(stateName, grainId));
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
        return Task.CompletedTask;
    }

    private static long ReadVersion(string path)
    {
        Span<byte> header = stackalloc byte[sizeof(long)];
        using var file = File.OpenRead(path);
        file.ReadExactly(header);
        return BinaryPrimitives.ReadInt64LittleEndian(header);
    }

    private string PathOf(string stateName, GrainId grainId)
    {
        var name = $"{stateName}-{grainId}";
        var safe = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        return Path.Combine(_directory, safe + ".bin");
    }
}
