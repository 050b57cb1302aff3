namespace Switchyard.Runtime.Backends;

/// <summary>
/// The one rule by which an init arg names a constructor parameter: names match when they are equal ignoring
/// case and underscores, whichever side is snake_case (<c>delay_ms</c>, <c>delayMs</c> and <c>DelayMs</c> are one name).
/// </summary>
internal static class InitArgNames
{
    /// <summary>The form both sides are compared in.</summary>
    public static string Key(string name) => name.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
}
