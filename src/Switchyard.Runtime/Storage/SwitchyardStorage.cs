namespace Switchyard.Runtime;

/// <summary>Names of the grain storage Switchyard uses.</summary>
internal static class SwitchyardStorage
{
    /// <summary>The grain storage provider holding the controller's state.</summary>
    public const string Name = "switchyard";
}
