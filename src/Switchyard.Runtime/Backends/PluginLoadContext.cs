using System.Reflection;
using System.Runtime.Loader;

namespace Switchyard.Runtime.Backends;

/// <summary>
/// Loads a plugin assembly and its private dependencies from its own folder (resolving through its
/// <c>.deps.json</c>), while sharing Switchyard's contract and the host's framework assemblies, so that a
/// plugin's <see cref="IBackend"/> is the host's <see cref="IBackend"/>.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;

    public PluginLoadContext(string pluginPath)
        : base($"switchyard-plugin:{Path.GetFileNameWithoutExtension(pluginPath)}", isCollectible: false)
    {
        _resolver = new AssemblyDependencyResolver(pluginPath);
    }

    /// <summary>
    /// The host's assemblies (its trusted platform assemblies): Switchyard's contract, the framework, Orleans,
    /// ONNX Runtime. A plugin gets the host's copy of these, so the types it shares with the host are the same
    /// types; everything else comes from the plugin's folder.
    /// </summary>
    private readonly HashSet<string> _hostAssemblies = HostAssemblies();

    private static HashSet<string> HostAssemblies()
    {
        var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
        return list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is { } name && _hostAssemblies.Contains(name))
        {
            return null; // the default context (the host) provides it
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
