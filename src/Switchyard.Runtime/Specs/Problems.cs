namespace Switchyard.Runtime.Specs;

/// <summary>
/// Collects every problem found in one piece of input, each naming where it is. Hostile input can hold a
/// million bad fields or a megabyte-long key, so the list keeps the first <see cref="MaxItems"/> problems,
/// each cut to <see cref="MaxLength"/> characters, and counts the rest.
/// </summary>
internal sealed class Problems
{
    public const int MaxItems = 100;
    public const int MaxLength = 300;

    private readonly List<string> _items = [];
    private int _omitted;

    public IReadOnlyList<string> Items => _omitted == 0 ? _items : [.. _items, $"… and {_omitted} more problems"];

    public bool Any => _items.Count > 0;

    public void Add(string path, string message)
    {
        if (_items.Count >= MaxItems)
        {
            _omitted++;
            return;
        }

        var item = string.IsNullOrEmpty(path) ? message : $"{path}: {message}";
        _items.Add(item.Length > MaxLength ? item[..MaxLength] + "…" : item);
    }

    public override string ToString() => string.Join("; ", Items);
}
