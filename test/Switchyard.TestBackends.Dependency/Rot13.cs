namespace Switchyard.TestBackends.Dependency;

/// <summary>A tiny library the test plugin depends on.</summary>
public static class Rot13
{
    public static string Apply(string text) => string.Concat(text.Select(c => c switch
    {
        >= 'a' and <= 'z' => (char)('a' + ((c - 'a' + 13) % 26)),
        >= 'A' and <= 'Z' => (char)('A' + ((c - 'A' + 13) % 26)),
        _ => c,
    }));
}
