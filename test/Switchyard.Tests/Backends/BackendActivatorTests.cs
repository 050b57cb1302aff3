using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Runtime.Backends;
using Switchyard.Runtime.Specs;
using Switchyard.TestBackends;

namespace Switchyard.Tests.Backends;

public sealed class BackendActivatorTests
{
    private static readonly ReplicaContext Context = new() { BackendTag = "b", ReplicaTag = "b#1", NodeId = "n1", NumCpus = 2 };

    private static BackendActivator Activator()
    {
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        return new BackendActivator(services);
    }

    private static JsonElement J(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public async Task Create_ObjectArgs_BindsByNameWithDefaults()
    {
        var backend = (IBackend)Activator().Create(BackendRegistration.ForType(typeof(Greeter)), J("""{"greeting": "hi"}"""), Context);
        var result = await backend.CallAsync(new ServeRequest("POST", "/", "bob"u8.ToArray()), CancellationToken.None);
        Assert.Equal(new GreetingResult("hi bob"), result);
    }

    [Fact]
    public async Task Create_ArrayArgs_BindsInOrder()
    {
        var backend = (IBackend)Activator().Create(BackendRegistration.ForType(typeof(Greeter)), J("""["yo", 2]"""), Context);
        var result = await backend.CallAsync(new ServeRequest("POST", "/", "x"u8.ToArray()), CancellationToken.None);
        Assert.Equal(new GreetingResult("yoyo x"), result);
    }

    [Fact]
    public void Validate_SnakeCaseName_BindsCamelCaseParameter()
    {
        var problems = new Problems();
        Activator().Validate(BackendRegistration.ForType(typeof(SnakeCase)), J("""{"intra_op_threads": 2}"""), "init_args", problems);
        Assert.False(problems.Any, problems.ToString());
        var backend = (SnakeCase)Activator().Create(BackendRegistration.ForType(typeof(SnakeCase)), J("""{"intra_op_threads": 2}"""), Context);
        Assert.Equal(2, backend.IntraOpThreads);
    }

    [Fact]
    public void Create_ServicesAndContext_Injected()
    {
        var backend = Activator().Create(BackendRegistration.ForType(typeof(Echo)), null, Context);
        Assert.IsType<Echo>(backend);
    }

    [Fact]
    public void Validate_WrongType_NamesParameter()
    {
        var problems = new Problems();
        Activator().Validate(BackendRegistration.ForType(typeof(Greeter)), J("""{"greeting": "hi", "times": "many"}"""), "init_args", problems);
        Assert.Equal("init_args.times: cannot bind the string \"many\" to parameter 'times' of type Int32", Assert.Single(problems.Items));
    }

    [Fact]
    public void Validate_MissingAndUnknown_BothNamed()
    {
        var problems = new Problems();
        Activator().Validate(BackendRegistration.ForType(typeof(Greeter)), J("""{"greting": "hi"}"""), "init_args", problems);
        Assert.Equal(2, problems.Items.Count);
        Assert.Contains(problems.Items, p => p.Contains("'greeting'", StringComparison.Ordinal));
        Assert.Contains(problems.Items, p => p.Contains("'greting'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TooManyPositional_Named()
    {
        var problems = new Problems();
        Activator().Validate(BackendRegistration.ForType(typeof(Greeter)), J("""["a", 1, 2]"""), "init_args", problems);
        Assert.Contains("3 values given but Greeter takes 2 init args", Assert.Single(problems.Items), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ConstructorThrows_OriginalExceptionSurfaces()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Activator().Create(BackendRegistration.ForType(typeof(Failing)), null, Context));
        Assert.Equal("model weights are corrupt", ex.Message);
    }

    [Fact]
    public void Create_LoggerParameter_Injected()
    {
        var backend = Activator().Create(BackendRegistration.ForType(typeof(LoggingBackend)), null, Context);
        Assert.NotNull(((LoggingBackend)backend).Logger);
    }

    public sealed class SnakeCase(int? intraOpThreads = null) : IBackend
    {
        public int? IntraOpThreads { get; } = intraOpThreads;

        public ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken) => ValueTask.FromResult<object?>(null);
    }

    public sealed class LoggingBackend(ILogger<LoggingBackend> logger) : IBackend
    {
        public ILogger<LoggingBackend> Logger { get; } = logger;

        public ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken) => ValueTask.FromResult<object?>(null);
    }
}
