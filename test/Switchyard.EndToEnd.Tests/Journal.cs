namespace Switchyard.EndToEnd.Tests;

/// <summary>The journal a <c>Journaled</c> backend writes in a node process: one "event replica-tag" line per event.</summary>
public sealed class Journal : IDisposable
{
    private readonly TempDirectory _directory = new("switchyard-e2e-journal-");

    public Journal() => Path = System.IO.Path.Combine(_directory.Path, "journal.log");

    public string Path { get; }

    /// <summary>The <c>init_args</c> value for this journal's path, as JSON.</summary>
    public string InitArgs(string extra = "") =>
        $$"""{"journal":{{System.Text.Json.JsonSerializer.Serialize(Path)}}{{(extra.Length == 0 ? "" : "," + extra)}}}""";

    public IReadOnlyList<(string Event, string Tag)> Entries()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .Select(parts => (parts[0], parts[1]))
            .ToList();
    }

    public int Count(string what, string? tag = null) => Entries().Count(e => e.Event == what && (tag is null || e.Tag == tag));

    public IReadOnlyList<string> Tags(string what) => Entries().Where(e => e.Event == what).Select(e => e.Tag).Distinct().ToList();

    public override string ToString() => string.Join("; ", Entries().Select(e => $"{e.Event} {e.Tag}"));

    public void Dispose() => _directory.Dispose();
}
