using System.Globalization;

namespace Switchyard.Runtime.Storage;

/// <summary>
/// The embedded store's folder, held for the node's lifetime: an exclusive lock (a second node on the same folder
/// would overwrite acknowledged writes), readable by its owner only, and checked at open so a node starts only from
/// state it can trust: leftover temporary files removed, older layouts migrated, a newer layout refused, and a
/// damaged file replaced by its previous good copy (or the start refused, naming the file).
/// </summary>
internal sealed class StateDirectory : IDisposable
{
    public const string LockFileName = "node.lock";
    public const string OwnerFileName = "node.pid";
    public const string StateExtension = ".bin";
    public const string PreviousSuffix = ".prev";
    public const string CorruptSuffix = ".corrupt";

    internal const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    internal const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;

    private readonly FileStream _lock;

    private StateDirectory(string path, FileStream lockFile, IReadOnlyList<string> recoveries)
    {
        Path = path;
        _lock = lockFile;
        Recoveries = recoveries;
    }

    public string Path { get; }

    /// <summary>What opening had to repair or migrate, one line each, for the node to log loudly.</summary>
    public IReadOnlyList<string> Recoveries { get; }

    /// <summary>Creates or opens the folder, takes its lock and checks every state file in it.</summary>
    public static StateDirectory Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(full);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(full, OwnerOnlyDirectory);
        }

        var lockFile = TakeLock(full);
        try
        {
            var recoveries = new List<string>();
            foreach (var file in Directory.EnumerateFiles(full, "*.tmp"))
            {
                File.Delete(file); // a write that never reached its rename: not acknowledged
            }

            foreach (var file in Directory.EnumerateFiles(full, "*" + StateExtension).Order(StringComparer.Ordinal))
            {
                Check(file, recoveries);
            }

            DirectorySync.Flush(full);
            return new StateDirectory(full, lockFile, recoveries);
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    public void Dispose() => _lock.Dispose();

    private static FileStream TakeLock(string directory)
    {
        var lockPath = System.IO.Path.Combine(directory, LockFileName);
        var ownerPath = System.IO.Path.Combine(directory, OwnerFileName);
        FileStream lockFile;
        try
        {
            // FileShare.None is an exclusive flock on Linux: held until this process closes it or dies. Read-only,
            // so the lock never keeps the folder's file system from being remounted read-only under the node.
            lockFile = new FileStream(lockPath, StateFiles.OwnerOnly(new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.Read,
                Share = FileShare.None,
            }));
        }
        catch (IOException)
        {
            var owner = File.Exists(ownerPath) ? File.ReadAllText(ownerPath).Trim() : "unknown";
            throw new StateDirectoryException(
                $"--state-dir {directory} is in use by another switchyard node (pid {owner}); stop that node, or give this one its own --state-dir");
        }

        StateFiles.WriteAtomically(ownerPath, System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture)));
        return lockFile;
    }

    private static void Check(string file, List<string> recoveries)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, OwnerOnlyFile);
        }

        var content = StateFile.Decode(File.ReadAllBytes(file), out var problem);
        if (content is { Schema: > StateFile.CurrentSchema })
        {
            throw new StateDirectoryException(
                $"state file {file} was written by a newer switchyard (state schema {content.Schema}; this one reads up to {StateFile.CurrentSchema}): run that newer version, or start this one with another --state-dir");
        }

        if (content is { Schema: < StateFile.CurrentSchema })
        {
            File.Copy(file, file + PreviousSuffix, overwrite: true);
            StateFiles.WriteAtomically(file, StateFile.Encode(content.Version, content.Payload.Span));
            recoveries.Add($"state file {file} migrated from state schema {content.Schema} to {StateFile.CurrentSchema} (the original is kept as {file}{PreviousSuffix})");
            return;
        }

        if (problem is null)
        {
            return;
        }

        var previous = file + PreviousSuffix;
        var good = File.Exists(previous) ? StateFile.Decode(File.ReadAllBytes(previous), out _) : null;
        if (good is null || good.Schema > StateFile.CurrentSchema)
        {
            throw new StateDirectoryException(
                $"state file {file} cannot be used: {problem}, and it has no good previous copy ({previous}). Restore it from a backup, or move it out of --state-dir to start with an empty state (its backends and endpoints will be gone)");
        }

        File.Copy(file, file + CorruptSuffix, overwrite: true);
        StateFiles.WriteAtomically(file, StateFile.Encode(good.Version, good.Payload.Span));
        recoveries.Add($"state file {file} was bad: {problem}. Started from its previous good copy {previous}, which lacks the last change written before; the bad file is kept as {file}{CorruptSuffix}");
    }
}
