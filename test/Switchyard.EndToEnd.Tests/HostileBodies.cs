using System.Text;

namespace Switchyard.EndToEnd.Tests;

/// <summary>The hostile-input corpus: bodies that once took a node down, or could, each with the content type it is sent with.</summary>
public static class HostileBodies
{
    public sealed record Body(string Name, byte[] Bytes, string ContentType);

    public static IReadOnlyList<Body> All { get; } = Build();

    private static List<Body> Build()
    {
        var bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (var level = 'b'; level <= 'i'; level++)
        {
            bomb.Append($"{level}: &{level} [{string.Join(", ", Enumerable.Repeat($"*{(char)(level - 1)}", 9))}]\n");
        }

        var deepObject = new StringBuilder();
        for (var i = 0; i < 10_000; i++)
        {
            deepObject.Append("{\"a\":");
        }

        deepObject.Append('1').Append('}', 10_000);
        return
        [
            Text("billion laughs (YAML alias bomb)", bomb.ToString(), "application/yaml"),
            Text("self-referencing alias", "x: &a [*a]", "application/yaml"),
            Text("alias cycle through a mapping", "x: &a {k: [1, *a]}", "text/plain"),
            Text("10,000-deep JSON arrays", new string('[', 10_000) + new string(']', 10_000), "application/json"),
            Text("10,000-deep JSON objects", deepObject.ToString(), "application/json"),
            Text("10,000-deep YAML flow sequences", "a: " + new string('[', 10_000) + new string(']', 10_000), "application/yaml"),
            Text("non-scalar YAML key", "? [a, b]\n: 1\n", "application/yaml"),
            Text("duplicate JSON keys", """{"name":"dup","name":"dup2","class":"Echo","backends":{},"backends":{}}""", "application/json"),
            Text("duplicate YAML keys", "backends:\n  a: {class: Echo}\n  a: {class: Echo}\n", "application/yaml"),
            Text("huge number", """{"name":"n","class":"Echo","num_replicas":""" + new string('9', 500_000) + ",\"proportion\":1e99999,\"config\":{\"num_replicas\":1e99999}}", "application/json"),
            Text("huge string", "{\"name\":\"" + new string('x', 900_000) + "\",\"class\":\"Echo\",\"backend\":\"x\",\"proportion\":\"p\"}", "application/json"),
            Text("over the admin body limit", "{\"name\":\"big\",\"class\":\"Echo\",\"init_args\":{\"blob\":\"" + new string('b', 2 * 1024 * 1024) + "\"}}", "application/json"),
            new Body("invalid UTF-8", [.. "{\"name\":\"bad"u8, 0xC3, 0x28, 0xFF, .. "\",\"class\":\"Echo\"}"u8], "application/json"),
            Text("escaped half surrogate pair", """{"name":"a\ud800","class":"Echo","backend":"x\udc00","proportion":1,"backends":{"b\ud800":{"class":"Echo"}}}""", "application/json"),
            new Body("inference request with invalid UTF-8 in a name", [.. "{\"inputs\":[{\"name\":\"x"u8, 0xC3, 0x28, .. "\",\"datatype\":\"FP32\",\"shape\":[1,2],\"data\":[1,2]}]}"u8], "application/json"),
            Text("inference request with an escaped half surrogate", """{"inputs":[{"name":"x\udfff","datatype":"BYTES","shape":[1],"data":["\ud800"]}]}""", "application/json"),
            new Body("NUL bytes", [.. "backends:\n"u8, 0, 0, .. "  a: {class: Echo}\n"u8], "application/yaml"),
            Text("form-encoded body", "name=x&class=Echo", "application/x-www-form-urlencoded"),
            Text("multipart body", "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nbackends: {}\r\n--b--\r\n", "multipart/form-data; boundary=b"),
            new Body("UTF-16 JSON", Encoding.Unicode.GetBytes("""{"name":"u","class":"Echo"}"""), "application/json; charset=utf-16"),
            Text("empty body", string.Empty, "application/json"),
            Text("JSON of the wrong shape", "[1, 2, 3]", "application/json"),
        ];
    }

    private static Body Text(string name, string text, string contentType) => new(name, Encoding.UTF8.GetBytes(text), contentType);
}
