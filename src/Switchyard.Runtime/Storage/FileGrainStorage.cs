using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Storage;
using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Storage;

/// <summary>
/// The embedded store of a single node: one file per grain state in the state directory (<see cref="StateFile"/>
/// layout, owner-only). A write goes to a temporary file, is flushed, the current file is kept as the previous good
/// copy, the new one is renamed over it and the folder is flushed: a kill or power loss at any moment leaves the old
/// state or the new one, never a torn file, and an acknowledged write stays.
/// </summary>
internal sealed class FileGrainStorage : IGrainStorage, IDisposable
{
    private readonly string _directory;
    private readonly Serializer _serializer;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>A store over a folder some other party checks and locks (tests that share one folder between silos).</summary>
    public FileGrainStorage(string directory, Serializer serializer, ILogger? logger = null)
    {
        _directory = directory;
        _serializer = serializer;
        _logger = logger ?? NullLogger.Instance;
        Directory.CreateDirectory(directory);
    }

    /// <summary>A store over a folder this node opened and holds; what opening repaired is logged here, loudly.</summary>
    public FileGrainStorage(StateDirectory directory, Serializer serializer, ILogger<FileGrainStorage> logger)
        : this(directory.Path, serializer, logger)
    {
        foreach (var recovery in directory.Recoveries)
        {
            Log.StateRecovered(logger, recovery);
        }
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

        var (content, _) = await ReadTrustedAsync(path);
        grainState.State = _serializer.Deserialize<T>(content.Payload);
        grainState.ETag = content.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        await _lock.WaitAsync();
        try
        {
            var exists = File.Exists(path);
            var (current, fromPrevious) = exists ? await ReadTrustedAsync(path) : (null, false);
            var stored = current?.Version;
            var expected = grainState.ETag is null ? (long?)null : long.Parse(grainState.ETag, CultureInfo.InvariantCulture);
            if (stored != expected)
            {
                throw new InconsistentStateException($"The stored state of {grainId} changed underneath (stored {stored}, expected {expected}).", stored?.ToString(CultureInfo.InvariantCulture), grainState.ETag);
            }

            var version = (stored ?? 0) + 1;
            var bytes = StateFile.Encode(version, _serializer.SerializeToArray(grainState.State));
            if (exists && !fromPrevious)
            {
                // Only a file that read back whole becomes the previous good copy.
                File.Copy(path, path + StateDirectory.PreviousSuffix, overwrite: true);
            }

            await StateFiles.WriteAtomicallyAsync(path, bytes);
            grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        finally
        {
            _lock.Release();
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        File.Delete(path);
        File.Delete(path + StateDirectory.PreviousSuffix);
        DirectorySync.Flush(_directory);
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
        return Task.CompletedTask;
    }

    /// <summary>The file's content, or its previous good copy when the file went bad since the node started (said loudly).</summary>
    private async Task<(StateFileContent Content, bool FromPrevious)> ReadTrustedAsync(string path)
    {
        var content = StateFile.Decode(await File.ReadAllBytesAsync(path), out var problem);
        if (content is not null && content.Schema <= StateFile.CurrentSchema)
        {
            return (content, false);
        }

        problem ??= $"it was written with state schema {content!.Schema}, newer than this switchyard's {StateFile.CurrentSchema}";
        var previous = path + StateDirectory.PreviousSuffix;
        var good = File.Exists(previous) ? StateFile.Decode(await File.ReadAllBytesAsync(previous), out _) : null;
        if (good is null || good.Schema > StateFile.CurrentSchema)
        {
            throw new StateDirectoryException($"state file {path} cannot be used: {problem}, and it has no good previous copy ({previous})");
        }

        Log.StateRecovered(_logger, $"state file {path} went bad: {problem}; serving from its previous good copy {previous}");
        return (good, true);
    }

    private string PathOf(string stateName, GrainId grainId)
    {
        var name = $"{stateName}-{grainId}";
        var safe = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        return Path.Combine(_directory, safe + StateDirectory.StateExtension);
    }

    /// <summary>The store lives as long as the silo's services; the container disposes it after the silo stopped.</summary>
    public void Dispose() => _lock.Dispose();
}
