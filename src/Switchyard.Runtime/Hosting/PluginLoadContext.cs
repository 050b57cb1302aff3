using System.Reflection;
using System.Runtime.Loader;

namespace Switchyard.Runtime.Hosting;

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

    public static bool IsShared(AssemblyName name) =>
        name.Name is { } n
        && (n == "Switchyard"
            || n.StartsWith("Switchyard.", StringComparison.Ordinal) && n != "Switchyard.Plugins"
            || n.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
            || n.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal)
            || n.StartsWith("Orleans.", StringComparison.Ordinal)
            || n.StartsWith("System.", StringComparison.Ordinal)
            || n == "Microsoft.ML.OnnxRuntime");

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsShared(assemblyName))
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
