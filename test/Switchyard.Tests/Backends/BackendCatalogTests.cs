using Switchyard.Runtime.Backends;
using Switchyard.TestBackends;

namespace Switchyard.Tests.Backends;

public sealed class BackendCatalogTests
{
    [Fact]
    public void TryResolve_SimpleFullAndAlias_AllResolve()
    {
        var catalog = new BackendCatalog([BackendRegistration.ForType(typeof(Echo), "echo")]);
        catalog.AddAssembly(typeof(Echo).Assembly);
        Assert.True(catalog.TryResolve("echo", out var byAlias, out _));
        Assert.True(catalog.TryResolve("Echo", out var bySimple, out _));
        Assert.True(catalog.TryResolve(typeof(Echo).FullName!, out var byFull, out _));
        Assert.Equal(typeof(Echo), byAlias.Type);
        Assert.Equal(typeof(Echo), bySimple.Type);
        Assert.Equal(typeof(Echo), byFull.Type);
        Assert.True(catalog.TryResolve("BatchEcho", out var batch, out _));
        Assert.True(batch.IsBatch);
    }

    [Fact]
    public void TryResolve_UnregisteredType_RefusedEvenIfItExists()
    {
        var catalog = new BackendCatalog([]);
        Assert.False(catalog.TryResolve("System.IO.File", out _, out var error));
        Assert.Contains("not a registered backend type", error, StringComparison.Ordinal);
    }
}
