using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.Runtime.Ingress;

namespace Switchyard.Tests.Ingress;

public sealed class UnhandledExceptionMiddlewareTests
{
    [Fact]
    public async Task InvokeAsync_Throws_ProblemJson500WithoutInternalsLoggedOnce()
    {
        var logger = new CountingLogger();
        var middleware = new UnhandledExceptionMiddleware(
            _ => throw new InvalidOperationException("Silo S10.0.0.7:11111:42 failed reading /var/lib/switchyard/x.bin"),
            logger);
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        context.TraceIdentifier = "trace-1";

        await middleware.InvokeAsync(context);

        Assert.Equal(500, context.Response.StatusCode);
        Assert.Equal(ProblemWriter.ContentType, context.Response.ContentType);
        context.Response.Body.Position = 0;
        var body = JsonDocument.Parse(context.Response.Body).RootElement;
        var detail = body.GetProperty("detail").GetString()!;
        Assert.Contains("trace-1", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("S10.0.0.7", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("/var/lib", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(1, logger.Errors);
    }

    [Fact]
    public async Task InvokeAsync_KestrelRefusedTheBody_KeepsItsStatusWithoutAnError()
    {
        var logger = new CountingLogger();
        var middleware = new UnhandledExceptionMiddleware(_ => throw new BadHttpRequestException("too slow", 408), logger);
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await middleware.InvokeAsync(context);

        Assert.Equal(408, context.Response.StatusCode);
        Assert.Equal(0, logger.Errors);
    }

    private sealed class CountingLogger : ILogger<UnhandledExceptionMiddleware>
    {
        public int Errors { get; private set; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                Errors++;
            }
        }
    }
}
