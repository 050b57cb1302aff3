using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Runtime.Backends;
using Switchyard.Runtime.Specs;

namespace Switchyard.Tests.Backends;

public sealed class InitArgBinderTests
{
    private static JsonElement J(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static bool IsService(Type type) => type == typeof(ReplicaContext);

    public static TheoryData<Type, string> EveryNamingOnBothSides()
    {
        var data = new TheoryData<Type, string>();
        foreach (var type in new[] { typeof(SnakeParameter), typeof(CamelParameter), typeof(PascalParameter) })
        {
            foreach (var name in new[] { "delay_ms", "delayMs", "DelayMs" })
            {
                data.Add(type, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryNamingOnBothSides))]
    public void Bind_NameDiffersInCaseOrUnderscores_BindsTheParameter(Type backend, string argName)
    {
        var problems = new Problems();
        var binding = InitArgBinder.Bind(backend, J($$"""{"{{argName}}": 5}"""), "init_args", problems, IsService);
        Assert.False(problems.Any, problems.ToString());
        Assert.NotNull(binding);
        Assert.Equal([true, false], binding.FromServices);
        Assert.Equal(5, binding.Values[1]);
    }

    [Fact]
    public void Bind_TwoArgsNamingOneParameter_RefusedNamingBoth()
    {
        var problems = new Problems();
        Assert.Null(InitArgBinder.Bind(typeof(SnakeParameter), J("""{"delay_ms": 5, "delayMs": 6}"""), "init_args", problems, IsService));
        Assert.Equal("init_args.delayMs: 'delay_ms' and 'delayMs' both name parameter 'delay_ms'", Assert.Single(problems.Items));
    }

    [Fact]
    public void Bind_ParametersDifferingOnlyInUnderscores_RefusedByName()
    {
        var problems = new Problems();
        Assert.Null(InitArgBinder.Bind(typeof(TwinParameters), J("""{"delay_ms": 5}"""), "init_args", problems, IsService));
        Assert.Contains("'delayMs' and 'delay_ms' differ only in case or underscores", Assert.Single(problems.Items), StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_ParametersDifferingOnlyInUnderscores_BindByPosition()
    {
        var problems = new Problems();
        var binding = InitArgBinder.Bind(typeof(TwinParameters), J("[1, 2]"), "init_args", problems, IsService);
        Assert.False(problems.Any, problems.ToString());
        Assert.Equal([1, 2], binding!.Values.Cast<int>());
    }

    [Fact]
    public void Bind_NoArgs_DefaultsUsedAndMissingNamed()
    {
        var problems = new Problems();
        Assert.Null(InitArgBinder.Bind(typeof(SnakeParameter), null, "init_args", problems, IsService));
        Assert.Equal("init_args: missing init arg for parameter 'delay_ms' (Int32)", Assert.Single(problems.Items));
    }

    [Fact]
    public async Task Create_SnakeCaseParameterNamedInSnakeCase_Works()
    {
        var services = new ServiceCollection().BuildServiceProvider();
        var context = new ReplicaContext { BackendTag = "slow", ReplicaTag = "slow#1", NodeId = "n1" };
        var backend = (SnakeParameter)new BackendActivator(services).Create(BackendRegistration.ForType(typeof(SnakeParameter)), J("""{"delay_ms": 5}"""), context);
        Assert.Equal(5, backend.DelayMs);
        Assert.Equal("slow#1", await backend.CallAsync(new ServeRequest("GET", "/", ReadOnlyMemory<byte>.Empty), CancellationToken.None));
    }

    public sealed class SnakeParameter(ReplicaContext ctx, int delay_ms) : IBackend
    {
        public int DelayMs { get; } = delay_ms;

        public async ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken)
        {
            await Task.Delay(DelayMs, cancellationToken);
            return ctx.ReplicaTag;
        }
    }

    public sealed class CamelParameter(ReplicaContext ctx, int delayMs) : IBackend
    {
        public ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken) => ValueTask.FromResult<object?>($"{ctx.ReplicaTag} {delayMs}");
    }

    public sealed class PascalParameter(ReplicaContext ctx, int DelayMs) : IBackend
    {
        public ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken) => ValueTask.FromResult<object?>($"{ctx.ReplicaTag} {DelayMs}");
    }

    public sealed class TwinParameters(int delayMs, int delay_ms) : IBackend
    {
        public ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken) => ValueTask.FromResult<object?>(delayMs + delay_ms);
    }
}
