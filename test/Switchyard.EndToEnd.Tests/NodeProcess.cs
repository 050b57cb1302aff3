using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Switchyard.EndToEnd.Tests;

/// <summary>A real <c>switchyard start</c> process on free loopback ports, with the test backends loaded.</summary>
public sealed partial class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly bool _ownsStateDirectory;

    private NodeProcess(Process process, NodePorts ports, string stateDirectory, bool ownsStateDirectory)
    {
        _process = process;
        Ports = ports;
        StateDirectory = stateDirectory;
        _ownsStateDirectory = ownsStateDirectory;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports.Http}/"), Timeout = TimeSpan.FromSeconds(60) };
        Admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports.Admin}/"), Timeout = TimeSpan.FromSeconds(90) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string RepositoryRoot { get; } = FindRoot();

    public static string Configuration { get; } =
        typeof(NodeProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string CliPath => Path.Combine(RepositoryRoot, "src", "Switchyard.Cli", "bin", Configuration, "net10.0", "switchyard.dll");

    public static string TestBackendsPath => Path.Combine(RepositoryRoot, "test", "Switchyard.TestBackends", "bin", Configuration, "net10.0", "Switchyard.TestBackends.dll");

    public NodePorts Ports { get; }

    public string StateDirectory { get; }

    public HttpClient Http { get; }

    public HttpClient Admin { get; }

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a node and waits until its ingress reports ready.</summary>
    public static async Task<NodeProcess> StartAsync(string? stateDirectory = null, NodePorts? ports = null, params string[] extraArgs)
    {
        var node = Launch(stateDirectory, ports, extraArgs);
        await node.WaitReadyAsync();
        return node;
    }

    /// <summary>Starts a node with extra environment variables and waits until it reports ready.</summary>
    public static async Task<NodeProcess> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] extraArgs)
    {
        var node = Launch(null, null, environment, extraArgs);
        await node.WaitReadyAsync();
        return node;
    }

    /// <summary>Starts a node and returns at once, before it listens.</summary>
    public static NodeProcess Launch(string? stateDirectory = null, NodePorts? ports = null, params string[] extraArgs) =>
        Launch(stateDirectory, ports, null, extraArgs);

    /// <summary>
    /// Starts a node whose limit on open files is <paramref name="openFiles"/> (util-linux's <c>prlimit</c> sets it and
    /// execs the node in its place, so the process id is the node's), and waits until it is ready.
    /// </summary>
    public static async Task<NodeProcess> StartWithOpenFileLimitAsync(int openFiles, IReadOnlyDictionary<string, string>? environment = null, params string[] extraArgs)
    {
        var node = Launch(null, null, environment, extraArgs, ["prlimit", $"--nofile={openFiles}:{openFiles}", "--"]);
        await node.WaitReadyAsync();
        return node;
    }

    private static NodeProcess Launch(string? stateDirectory, NodePorts? ports, IReadOnlyDictionary<string, string>? environment, string[] extraArgs, string[]? launcher = null)
    {
        var owns = stateDirectory is null;
        stateDirectory ??= Directory.CreateTempSubdirectory("switchyard-e2e-").FullName;
        ports ??= NodePorts.Free();
        var process = Launch(
        [
            "start",
            "--http-port", ports.Http.ToString(), "--admin-port", ports.Admin.ToString(),
            "--silo-port", ports.Silo.ToString(), "--gateway-port", ports.Gateway.ToString(),
            "--state-dir", stateDirectory, "--node-id", "e2e", "--assembly", TestBackendsPath, .. extraArgs,
        ], environment, launcher);
        return new NodeProcess(process, ports, stateDirectory, owns);
    }

    /// <summary>Runs the CLI to completion and returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunCliAsync(params string[] args) =>
        RunCliAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs the CLI to completion with extra environment variables and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunCliAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Launch(args, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the CLI with redirected output and leaves it running.</summary>
    public static Process LaunchCli(params string[] args) => Launch(args);

    /// <summary>SIGINT, as Ctrl+C sends.</summary>
    public static int Interrupt(Process process) => SysKill(process.Id, 2);

    private static Process Launch(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string[]? launcher = null)
    {
        var start = new ProcessStartInfo(launcher is { Length: > 0 } ? launcher[0] : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        if (launcher is { Length: > 0 })
        {
            foreach (var arg in launcher[1..])
            {
                start.ArgumentList.Add(arg);
            }

            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(CliPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment.Remove("SWITCHYARD_ADMIN_TOKEN");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start switchyard");
    }

    public bool HasExited => _process.HasExited;

    private async Task WaitReadyAsync() =>
        await Eventually.ValueAsync(
            async ct =>
            {
                if (_process.HasExited)
                {
                    _process.WaitForExit(); // until its output is read to the end, so the message has all of it
                    throw new InvalidOperationException($"switchyard exited with {_process.ExitCode}:\n{Output}");
                }

                try
                {
                    using var response = await Http.GetAsync("-/healthz", ct);
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false; // not listening yet
                }
            },
            static ready => ready,
            "switchyard to answer 200 on -/healthz",
            seconds: 90,
            describe: _ => $"its output:\n{Output}",
            every: TimeSpan.FromMilliseconds(100));

    /// <summary>SIGKILL: no cleanup, no flush.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: a graceful stop; returns the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        _ = SysKill(_process.Id, 15);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Http.Dispose();
        Admin.Dispose();
        if (_ownsStateDirectory)
        {
            try
            {
                Directory.Delete(StateDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Switchyard.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Switchyard.slnx)");
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int SysKill(int pid, int signal);
}
