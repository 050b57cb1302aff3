namespace Switchyard.Cli;

/// <summary>Dispatches <c>switchyard start|deploy|status</c>; every failure is one line on stderr and a non-zero exit.</summary>
internal static class CliApp
{
    private static readonly string[] ClientOptions = ["--admin", "--admin-token"];

    private static readonly Dictionary<string, string[]> Commands = new(StringComparer.Ordinal)
    {
        ["start"] =
        [
            "--http-host", "--http-port", "--admin-host", "--admin-port", "--config", "--assembly", "--state-dir",
            "--cluster", "--node-id", "--silo-port", "--gateway-port", "--num-cpus", "--num-gpus", "--resources", "--admin-token",
            "--admin-allowed-hosts", "--tls-certificate", "--tls-key", "--tls-ca",
        ],
        ["deploy"] = ClientOptions,
        ["status"] = ClientOptions,
    };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var line = CommandLine.Parse(args, Commands);
            return line.Command switch
            {
                "start" => await StartCommand.RunAsync(line, output, cancellationToken),
                "deploy" => await AdminCommands.DeployAsync(line, output, cancellationToken),
                "status" => await AdminCommands.StatusAsync(line, output, cancellationToken),
                _ => Help(output),
            };
        }
        catch (CommandLineException ex)
        {
            await error.WriteLineAsync($"switchyard: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await error.WriteLineAsync($"switchyard: {Describe(ex)}");
            return 1;
        }
    }

    internal static string Describe(Exception ex)
    {
        while (ex.InnerException is not null && ex is AggregateException or System.Reflection.TargetInvocationException)
        {
            ex = ex.InnerException;
        }

        return ex.Message.ReplaceLineEndings(" ");
    }

    private static int Help(TextWriter output)
    {
        output.WriteLine("""
            switchyard — model serving for .NET

              switchyard start   [--http-host 127.0.0.1] [--http-port 8000] [--admin-host 127.0.0.1] [--admin-port 8265]
                                 [--config FILE] [--assembly FILE]... [--state-dir ./.switchyard] [--node-id NAME]
                                 [--silo-port 11111] [--gateway-port 30000] [--num-cpus N] [--num-gpus N]
                                 [--resources JSON] [--admin-token TOKEN] [--cluster redis[s]://[:PASSWORD@]HOST:PORT]
                                 [--admin-allowed-hosts H1,H2] [--tls-certificate FILE [--tls-key FILE] [--tls-ca FILE]]
              switchyard deploy FILE [--admin http://127.0.0.1:8265] [--admin-token TOKEN]
              switchyard status      [--admin http://127.0.0.1:8265] [--admin-token TOKEN]
            """);
        return 0;
    }
}
