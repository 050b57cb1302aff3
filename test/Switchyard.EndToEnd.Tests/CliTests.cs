using System.Net;
using System.Net.Sockets;

namespace Switchyard.EndToEnd.Tests;

/// <summary>The <c>switchyard</c> command as a user runs it.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task Start_BadOption_NonZeroAndOneLine()
    {
        var (code, _, stderr) = await NodeProcess.RunCliAsync("start", "--http-port", "not-a-port");
        Assert.NotEqual(0, code);
        Assert.Equal("switchyard: option --http-port must be a whole number (got 'not-a-port')", stderr.Trim());
    }

    [Fact]
    public async Task Start_PortTaken_NonZeroAndNamesThePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var ports = NodePorts.Free();
        var (code, _, stderr) = await NodeProcess.RunCliAsync("start", "--http-port", port.ToString(), "--admin-port", ports.Admin.ToString(), "--silo-port", ports.Silo.ToString(), "--gateway-port", ports.Gateway.ToString());
        Assert.NotEqual(0, code);
        Assert.Contains($"--http-port {port}", stderr, StringComparison.Ordinal);
        Assert.Contains("already in use", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Start_InvalidConfigFile_NonZeroNamingTheProblems()
    {
        using var temp = new TempDirectory("switchyard-e2e-config-");
        var folder = temp.Path;
        var file = Path.Combine(folder, "bad.yaml");
        await File.WriteAllTextAsync(file, "backends:\n  b: { class: NoSuchClass }\n");
        var ports = NodePorts.Free();
        var (code, _, stderr) = await NodeProcess.RunCliAsync(
            "start", "--config", file, "--state-dir", Path.Combine(folder, "state"),
            "--http-port", ports.Http.ToString(), "--admin-port", ports.Admin.ToString(), "--silo-port", ports.Silo.ToString(), "--gateway-port", ports.Gateway.ToString());
        Assert.NotEqual(0, code);
        Assert.Contains("class 'NoSuchClass' is not a registered backend type", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PublicAdminWithoutToken_Refused()
    {
        var (code, _, stderr) = await NodeProcess.RunCliAsync("start", "--admin-host", "0.0.0.0");
        Assert.NotEqual(0, code);
        Assert.Contains("--admin-token", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeployAndStatus_AgainstANode_ApplyIdempotentAndReport()
    {
        await using var node = await NodeProcess.StartAsync();
        using var temp = new TempDirectory("switchyard-e2e-deploy-");
        var folder = temp.Path;
        await File.WriteAllTextAsync(Path.Combine(folder, "greeting.txt"), "unused");
        var file = Path.Combine(folder, "deployment.yaml");
        await File.WriteAllTextAsync(file, """
            backends:
              hello_v1:
                class: Greeter
                init_args: { greeting: "hello" }
                config: { num_replicas: 2 }
            endpoints:
              hello:
                route: /hello
                methods: [POST]
                traffic: { hello_v1: 1.0 }
            """);
        var admin = $"http://127.0.0.1:{node.Ports.Admin}";
        var (code, stdout, stderr) = await NodeProcess.RunCliAsync("deploy", file, "--admin", admin);
        Assert.True(code == 0, stderr);
        Assert.Contains("\"created\":[\"hello_v1\",\"hello\"]", stdout, StringComparison.Ordinal);

        using (var response = await node.Http.PostAsync("hello", new StringContent("you")))
        {
            Assert.Equal("hello you", (await response.JsonAsync())["message"]!.GetValue<string>());
        }

        (code, stdout, _) = await NodeProcess.RunCliAsync("deploy", file, "--admin", admin);
        Assert.Equal(0, code);
        Assert.Contains("\"created\":[],\"updated\":[],\"deleted\":[]", stdout, StringComparison.Ordinal);

        (code, stdout, _) = await NodeProcess.RunCliAsync("status", "--admin", admin);
        Assert.Equal(0, code);
        Assert.Matches(@"│ hello_v1\s+│ Greeter\s+│ replicas 2, concurrency 100\s+│ none reserved\s+│ 2 running\s+│", stdout);
        Assert.Matches(@"│ hello_v1#\d+\s+│ hello_v1\s+│ running\s+│ e2e\s+│", stdout);
        Assert.Matches(@"│ hello\s+│ /hello\s+│ POST\s+│ hello_v1 100%\s+│", stdout);
        Assert.Matches(@"│ e2e \(controller\)\s+│ alive\s+│", stdout);

        (code, stdout, _) = await NodeProcess.RunCliAsync("status", "--json", "--admin", admin);
        Assert.Equal(0, code);
        var status = System.Text.Json.Nodes.JsonNode.Parse(stdout)!;
        Assert.Equal(2, status["backends"]!["hello_v1"]!["replicas"]!.AsArray().Count);
        Assert.Equal(1.0, status["endpoints"]!["hello"]!["traffic"]!["hello_v1"]!.GetValue<double>());
        Assert.Equal("e2e", status["controller"]!["node"]!.GetValue<string>());

        await File.WriteAllTextAsync(file, """
            backends:
              hello_v1: { class: Greeter, config: { num_replicas: -3 } }
            endpoints:
              hello: { route: nope, traffic: { ghost: 1.0 } }
            """);
        (code, _, stderr) = await NodeProcess.RunCliAsync("deploy", file, "--admin", admin);
        Assert.NotEqual(0, code);
        Assert.Contains("num_replicas: must be within [0, 1000] (got -3)", stderr, StringComparison.Ordinal);
        Assert.Contains("init_args: missing init arg for parameter 'greeting'", stderr, StringComparison.Ordinal);
        Assert.Contains("'nope' must start with '/'", stderr, StringComparison.Ordinal);
        Assert.Contains("backend 'ghost' is not declared", stderr, StringComparison.Ordinal);
        var replicas = await node.ReplicasAsync("hello_v1");
        Assert.Equal(2, replicas.Count);
    }

    [Fact]
    public async Task AdminToken_CallsWithoutIt_401()
    {
        await using var node = await NodeProcess.StartAsync(extraArgs: ["--admin-token", "s3cret"]);
        using var anonymous = await node.Admin.GetAsync("api/status");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var anonymousScrape = await node.Admin.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousScrape.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/status");
        request.Headers.Authorization = new("Bearer", "s3cret");
        using var authorized = await node.Admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
        var (code, _, _) = await NodeProcess.RunCliAsync("status", "--admin", $"http://127.0.0.1:{node.Ports.Admin}", "--admin-token", "s3cret");
        Assert.Equal(0, code);
    }

    [Fact]
    public async Task AdminTokenFile_NodeAndClientsReadIt_EnvironmentWorksForClients()
    {
        using var temp = new TempDirectory("switchyard-e2e-token-");
        var tokenFile = Path.Combine(temp.Path, "token");
        await File.WriteAllTextAsync(tokenFile, "from-file\n");
        await using var node = await NodeProcess.StartAsync(extraArgs: ["--admin-token-file", tokenFile]);
        var admin = $"http://127.0.0.1:{node.Ports.Admin}";
        using (var anonymous = await node.Admin.GetAsync("api/status"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        var (code, _, stderr) = await NodeProcess.RunCliAsync("status", "--json", "--admin", admin, "--admin-token-file", tokenFile);
        Assert.True(code == 0, stderr);
        var environment = new Dictionary<string, string> { ["SWITCHYARD_ADMIN_TOKEN"] = "from-file" };
        (code, _, stderr) = await NodeProcess.RunCliAsync(environment, "status", "--json", "--admin", admin);
        Assert.True(code == 0, stderr);

        // The flag wins over the environment: a wrong flag fails although the environment holds the right token.
        (code, _, stderr) = await NodeProcess.RunCliAsync(environment, "status", "--json", "--admin", admin, "--admin-token", "wrong");
        Assert.NotEqual(0, code);
        Assert.Contains("401", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusWatch_AgainstANode_RedrawsUntilStopped()
    {
        await using var node = await NodeProcess.StartAsync();
        using var watch = NodeProcess.LaunchCli("status", "--watch", "--admin", $"http://127.0.0.1:{node.Ports.Admin}");
        var frames = 0;
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (frames < 3)
        {
            var line = await watch.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"status --watch ended after {frames} frames: {await watch.StandardError.ReadToEndAsync()}");
            if (line.Contains("Ctrl+C to stop", StringComparison.Ordinal))
            {
                frames++;
            }
        }

        // Three frames a second apart: redrawn on its own, not printed once.
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(1.5), $"3 frames in {started.Elapsed}");
        _ = NodeProcess.Interrupt(watch);
        await watch.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, watch.ExitCode);
    }
}
