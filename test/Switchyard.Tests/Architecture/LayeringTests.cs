using System.Text.RegularExpressions;

namespace Switchyard.Tests.Architecture;

/// <summary>
/// Keeps the runtime's rooms in layers: a folder of src/Switchyard.Runtime may use only the folders listed after it,
/// and the pure rooms know nothing of Orleans. docs/architecture.md draws the same picture.
/// </summary>
public sealed partial class LayeringTests
{
    /// <summary>Top to bottom: each room may import only rooms further down this list.</summary>
    private static readonly string[] Layers =
    [
        "Hosting", "Admin", "Inference", "Ingress", "Client", "Control", "Placement", "Routing", "Replicas", "Backends",
        "Batching", "Specs", "Cluster", "Storage", "Diagnostics",
    ];

    /// <summary>Rooms, and folders of rooms, of pure logic: no Orleans types, attributes or serializers in them.</summary>
    private static readonly string[] PureRooms =
    [
        "Specs", "Placement", "Batching", "Backends", "Cluster",
        "Control/Model", "Control/Commands", "Control/Loops", "Control/Views",
    ];

    /// <summary>
    /// The pure parts of rooms that also hold a grain and its wire shapes (Replicas, Routing): the grain is a shell
    /// over these, and their wire shapes live beside them as surrogates. A name ending in '*' covers its partial files.
    /// </summary>
    private static readonly string[] PureFiles =
    [
        "Replicas/ReplicaWorker*", "Replicas/ConcurrencyLimiter", "Replicas/BatchRunner", "Replicas/BackendInvoker",
        "Replicas/PendingCall", "Replicas/LocalReplicas", "Replicas/SharedHeaders", "Replicas/ResultEncoder", "Replicas/ServeRequestReader", "Replicas/ReplicaOptions*",
        "Routing/TrafficTable", "Routing/ShardKeyHash", "Routing/BackendLane*", "Routing/LaneSettings", "Routing/ReplicaSlot",
        "Routing/IReplicaChannel*", "Routing/ResponseDeadlines", "Routing/CallOutcome", "Routing/RetryPolicy", "Routing/RouterProblems",
        "Routing/RouterSnapshot", "Routing/EndpointRoute",
    ];

    private static string RuntimeSource { get; } = FindRuntimeSource();

    [Fact]
    public void Imports_BetweenRooms_RunDownwardOnly()
    {
        var violations = new List<string>();
        foreach (var (room, file, text) in SourceFiles())
        {
            var rank = Array.IndexOf(Layers, room);
            foreach (Match match in RoomReference().Matches(text))
            {
                var used = match.Groups[1].Value;
                if (used == room || !Layers.Contains(used))
                {
                    continue;
                }

                if (Array.IndexOf(Layers, used) < rank)
                {
                    violations.Add($"{file}: {room} uses {used}, a room above it");
                }
            }
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Distinct()));
    }

    [Fact]
    public void Rooms_EveryFolder_HasAPlaceInTheLayers()
    {
        var rooms = Directory.GetDirectories(RuntimeSource)
            .Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj"))
            .ToList();
        var unplaced = rooms.Where(r => !Layers.Contains(r)).ToList();
        Assert.True(unplaced.Count == 0, $"rooms without a layer (add them to LayeringTests.Layers and docs/architecture.md): {string.Join(", ", unplaced)}");
    }

    [Fact]
    public void PureRooms_KnowNothingOfOrleans()
    {
        var violations = SourceFiles()
            .Where(f => PureRooms.Any(pure => f.File.Replace(Path.DirectorySeparatorChar, '/').StartsWith(pure + "/", StringComparison.Ordinal)) && OrleansReference().IsMatch(f.Text))
            .Select(f => f.File)
            .ToList();
        Assert.True(violations.Count == 0, $"pure rooms using Orleans: {string.Join(", ", violations)}");
    }

    [Fact]
    public void PureFiles_InRoomsWithGrains_KnowNothingOfOrleans()
    {
        var files = SourceFiles().Select(f => (Name: f.File.Replace(Path.DirectorySeparatorChar, '/')[..^3], f.Text)).ToList();
        var missing = PureFiles.Where(p => !files.Any(f => Covers(p, f.Name))).ToList();
        Assert.True(missing.Count == 0, $"listed as pure but not found (renamed?): {string.Join(", ", missing)}");
        var violations = files.Where(f => PureFiles.Any(p => Covers(p, f.Name)) && OrleansReference().IsMatch(f.Text)).Select(f => f.Name).ToList();
        Assert.True(violations.Count == 0, $"pure files using Orleans: {string.Join(", ", violations)}");
    }

    private static bool Covers(string pattern, string name) =>
        pattern.EndsWith('*') ? name.StartsWith(pattern[..^1], StringComparison.Ordinal) : name == pattern;

    private static IEnumerable<(string Room, string File, string Text)> SourceFiles()
    {
        foreach (var path in Directory.EnumerateFiles(RuntimeSource, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RuntimeSource, path);
            var room = relative.Split(Path.DirectorySeparatorChar)[0];
            if (room is "bin" or "obj" || !relative.Contains(Path.DirectorySeparatorChar))
            {
                continue;
            }

            var text = string.Join('\n', File.ReadLines(path).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));
            yield return (room, relative, text);
        }
    }

    private static string FindRuntimeSource()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Switchyard.slnx")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("no Switchyard.slnx above the test"), "src", "Switchyard.Runtime");
    }

    [GeneratedRegex(@"\bSwitchyard\.Runtime\.([A-Z][A-Za-z]*)\b")]
    private static partial Regex RoomReference();

    [GeneratedRegex(@"\busing Orleans\b|\bOrleans\.[A-Z]|\[GenerateSerializer|\[Id\(|\[Alias\(|\bIGrain\b|\bSiloAddress\b")]
    private static partial Regex OrleansReference();
}
