namespace Switchyard.Testing;

/// <summary>A fresh temporary folder, deleted with everything in it when disposed.</summary>
internal sealed class TempDirectory(string prefix = "switchyard-test-") : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process that was just killed may still hold a file for a moment; the OS cleans temp folders.
        }
    }
}
