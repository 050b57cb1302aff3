namespace Switchyard.Runtime.Specs;

/// <summary>Collects every problem found in one piece of input, each naming where it is.</summary>
internal sealed class Problems
{
    private readonly List<string> _items = [];

    public IReadOnlyList<string> Items => _items;

    public bool Any => _items.Count > 0;

    public void Add(string path, string message) =>
        _items.Add(string.IsNullOrEmpty(path) ? message : $"{path}: {message}");

    public override string ToString() => string.Join("; ", _items);
}
