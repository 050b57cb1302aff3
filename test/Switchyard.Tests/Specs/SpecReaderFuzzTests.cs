using System.Text;
using System.Text.Json;
using Switchyard.Runtime.Specs;

namespace Switchyard.Tests.Specs;

/// <summary>
/// What the admin plane reads from a body, against bodies an attacker would send: valid deployments, backends,
/// endpoints and rollouts, in YAML and JSON, mutated byte by byte and token by token with fixed seeds. Parsing
/// refuses with <see cref="FormatException"/> or <see cref="JsonException"/> (a 400 naming the problem); reading
/// what parsed either yields the spec or lists problems. Nothing else may escape: it would be a 500.
/// </summary>
public sealed class SpecReaderFuzzTests
{
    private const int Mutations = 1500;

    private static readonly string[] Tokens =
        ["-1", "0", "1e308", "-1e308", "1.5", "2147483648", "null", "true", "\"\"", "[]", "{}", "&a", "*a", "!!binary", "? ", "- ", ": ",
         "\"\\ud800\"", "\"\\u0000\"", "num_replicas", "autoscaling_config", "traffic", "resources", "custom", "steps", "\n  ", "\t", "'", "|", ">"];

    private static readonly byte[] Specials = "[]{}\",:-0123456789e.\\ \n#&*!|>'%@`"u8.ToArray();

    public static TheoryData<string> Seeds() => new(SeedBodies.Keys);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Read_MutatedBodies_SpecOrProblemsNeverAnotherException(string seedName)
    {
        var (kind, seed) = SeedBodies[seedName];
        var mutations = new BodyMutations(seedName.Length * 7919 + seedName[0], Tokens, Specials);
        var bytes = Encoding.UTF8.GetBytes(seed);
        var seedProblems = new Problems();
        Assert.NotNull(Read(kind, kind == Kind.Deployment ? YamlJson.Parse(bytes) : YamlJson.ParseJson(bytes), seedProblems));
        Assert.False(seedProblems.Any, string.Join("; ", seedProblems.Items)); // the seed itself is valid
        var (parsed, read) = (0, 0);
        for (var i = 0; i < Mutations; i++)
        {
            var body = mutations.Mutate(bytes);
            JsonElement json;
            try
            {
                json = kind == Kind.Deployment ? YamlJson.Parse(body) : YamlJson.ParseJson(body);
            }
            catch (Exception ex) when (ex is FormatException or JsonException)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Message));
                continue;
            }
            catch (Exception ex)
            {
                Assert.Fail($"seed '{seedName}', mutation {i}: parsing threw {ex.GetType().Name}: {ex.Message}; body: {BodyMutations.Show(body)}");
                return;
            }

            parsed++;
            var problems = new Problems();
            try
            {
                var spec = Read(kind, json, problems);
                Assert.True(problems.Any || spec is not null, $"seed '{seedName}', mutation {i}: neither a spec nor a problem");
                read += problems.Any ? 0 : 1;
            }
            catch (Exception ex)
            {
                Assert.Fail($"seed '{seedName}', mutation {i}: reading threw {ex.GetType().Name}: {ex.Message}; body: {BodyMutations.Show(body)}");
            }
        }

        Assert.True(parsed > 0 && read > 0, $"seed '{seedName}': {parsed} of {Mutations} mutations parsed, {read} read without problems");
    }

    private static object? Read(Kind kind, JsonElement json, Problems problems)
    {
        switch (kind)
        {
            case Kind.Deployment:
                return SpecReader.ReadDeployment(json, problems);
            case Kind.Backend:
                return SpecReader.ReadBackend(json, string.Empty, problems, "name");
            case Kind.Endpoint:
                return SpecReader.ReadEndpoint(json, string.Empty, problems);
            case Kind.Config:
                var config = SpecReader.ReadConfig(json, new BackendConfig(), string.Empty, problems);
                SpecValidator.ValidateConfig(config, string.Empty, problems);
                return config;
            default:
                return SpecReader.ReadRollout(json, problems) is { } rollout && Validated(rollout, problems) ? rollout : null;
        }
    }

    private static bool Validated(RolloutSpec rollout, Problems problems)
    {
        SpecValidator.ValidateRollout(rollout, problems);
        return true;
    }

    private enum Kind
    {
        Deployment,
        Backend,
        Endpoint,
        Config,
        Rollout,
    }

    private static readonly Dictionary<string, (Kind Kind, string Body)> SeedBodies = new(StringComparer.Ordinal)
    {
        ["deployment-yaml"] = (Kind.Deployment, """
            backends:
              digits_v1:
                class: onnx
                init_args: {model: models/digits.onnx}
                config: {num_replicas: 2, max_batch_size: 32, batch_wait_timeout_s: 0.005, max_concurrent_queries: 64}
                resources: {num_cpus: 1, num_gpus: 0.5, custom: {accelerator: 1}}
              digits_v2:
                class: onnx
                config:
                  autoscaling_config: {min_replicas: 0, max_replicas: 4, target_ongoing_requests: 2, upscale_delay_s: 1}
            endpoints:
              digits: {route: /digits, methods: [POST], traffic: {digits_v1: 0.9, digits_v2: 0.1}, shadows: {digits_v2: 0.05}}
            """),
        ["deployment-json"] = (Kind.Deployment, """{"backends":{"a":{"class":"Echo","config":{"num_replicas":1,"request_timeout_s":2,"user_config":{"k":[1,2]}}}},"endpoints":{"a":{"route":"/a","traffic":{"a":1}}}}"""),
        ["backend"] = (Kind.Backend, """{"name":"b","class":"Greeter","init_args":["hi",2],"config":{"max_queued_requests":-1},"resources":{"num_cpus":0.5}}"""),
        ["endpoint"] = (Kind.Endpoint, """{"route":"/e/f","methods":["GET","POST"],"traffic":{"b":0.5,"c":0.5},"shadows":{"d":0.1}}"""),
        ["config"] = (Kind.Config, """{"num_replicas":3,"max_batch_size":4,"max_concurrent_queries":8,"batch_wait_timeout_s":0.01,"user_config":null}"""),
        ["rollout"] = (Kind.Rollout, """{"to":"digits_v2","steps":[0.05,0.25,0.5,1.0],"step_interval_s":30,"analysis":{"min_requests":100,"max_error_rate":0.01,"max_p99_latency_ms":250}}"""),
    };
}
