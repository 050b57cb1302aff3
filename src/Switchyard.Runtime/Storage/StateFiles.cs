namespace Switchyard.Runtime.Storage;

/// <summary>Durable, owner-only file writes: write a temporary file, flush it, rename it over the target, flush the folder.</summary>
internal static class StateFiles
{
    public static void WriteAtomically(string path, ReadOnlySpan<byte> bytes)
    {
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, CreateOptions()))
        {
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        FlushFolderOf(path);
    }

    public static async Task WriteAtomicallyAsync(string path, ReadOnlyMemory<byte> bytes)
    {
        var temporary = path + ".tmp";
        await using (var file = new FileStream(temporary, CreateOptions()))
        {
            await file.WriteAsync(bytes);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        FlushFolderOf(path);
    }

    /// <summary>Makes the rename durable; once it is done, a failure here leaves the outcome unknown, not refused.</summary>
    private static void FlushFolderOf(string path)
    {
        try
        {
            DirectorySync.Flush(Path.GetDirectoryName(path)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UnconfirmedWriteException(path, ex);
        }
    }

    private static FileStreamOptions CreateOptions() => OwnerOnly(new FileStreamOptions
    {
        Mode = FileMode.Create,
        Access = FileAccess.Write,
        Share = FileShare.None,
        Options = FileOptions.WriteThrough | FileOptions.Asynchronous,
    });

    /// <summary>New files readable and writable by their owner only (the state names models, paths and settings).</summary>
    public static FileStreamOptions OwnerOnly(FileStreamOptions options)
    {
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = StateDirectory.OwnerOnlyFile;
        }

        return options;
    }
}
