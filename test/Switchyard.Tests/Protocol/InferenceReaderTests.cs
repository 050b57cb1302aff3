using System.Text;
using System.Text.Json;
using Switchyard.Protocol;

namespace Switchyard.Tests.Protocol;

public sealed class InferenceReaderTests
{
    [Fact]
    public void TryReadRequest_FlatJsonData_ReadsTensor()
    {
        var request = Read("""{"inputs":[{"name":"x","datatype":"FP32","shape":[2,3],"data":[1,2,3,4,5,6.5]}]}""");

        var x = Assert.Single(request.Inputs);
        Assert.Equal("x", x.Name);
        Assert.Equal(TensorDataType.Fp32, x.DataType);
        Assert.Equal([2L, 3L], x.Shape);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6.5f], x.AsSpan<float>().ToArray());
    }

    [Fact]
    public void TryReadRequest_NestedJsonData_SameAsFlat()
    {
        var flat = Read("""{"inputs":[{"name":"x","datatype":"INT64","shape":[2,2],"data":[1,2,3,4]}]}""");
        var nested = Read("""{"inputs":[{"name":"x","datatype":"INT64","shape":[2,2],"data":[[1,2],[3,4]]}]}""");

        Assert.Equal(flat.Inputs[0].AsSpan<long>().ToArray(), nested.Inputs[0].AsSpan<long>().ToArray());
    }

    [Fact]
    public void TryReadRequest_DataBeforeDatatypeAndShape_Reads()
    {
        var request = Read("""{"inputs":[{"data":[true,false],"shape":[2],"name":"b","datatype":"BOOL"}]}""");

        Assert.Equal([true, false], request.Inputs[0].AsSpan<bool>().ToArray());
    }

    [Theory]
    [InlineData("BOOL", "[true,false]", "True,False")]
    [InlineData("UINT8", "[0,255]", "0,255")]
    [InlineData("UINT16", "[0,65535]", "0,65535")]
    [InlineData("UINT32", "[0,4294967295]", "0,4294967295")]
    [InlineData("UINT64", "[0,18446744073709551615]", "0,18446744073709551615")]
    [InlineData("INT8", "[-128,127]", "-128,127")]
    [InlineData("INT16", "[-32768,32767]", "-32768,32767")]
    [InlineData("INT32", "[-2147483648,2147483647]", "-2147483648,2147483647")]
    [InlineData("INT64", "[-9223372036854775808,9223372036854775807]", "-9223372036854775808,9223372036854775807")]
    [InlineData("FP16", "[0.5,-2]", "0.5,-2")]
    [InlineData("FP32", "[0.25,-1e30]", "0.25,-1E+30")]
    [InlineData("FP64", "[0.1,1e300]", "0.1,1E+300")]
    [InlineData("BYTES", "[\"a\",\"\\u00e9t\\u00e9\"]", "a,été")]
    public void TryReadRequest_EveryDatatypeInJson_ReadsValues(string datatype, string data, string expected)
    {
        var request = Read($$"""{"inputs":[{"name":"x","datatype":"{{datatype}}","shape":[2],"data":{{data}}}]}""");

        Assert.Equal(expected, Format(request.Inputs[0]));
    }

    [Fact]
    public void TryReadRequest_ScalarTensor_ReadsOneElement()
    {
        var request = Read("""{"inputs":[{"name":"x","datatype":"FP64","shape":[],"data":2.5}]}""");

        Assert.Empty(request.Inputs[0].Shape);
        Assert.Equal([2.5], request.Inputs[0].AsSpan<double>().ToArray());
    }

    [Fact]
    public void TryReadRequest_EmptyTensor_ReadsNoElements()
    {
        var request = Read("""{"inputs":[{"name":"x","datatype":"FP32","shape":[0,3],"data":[]}]}""");

        Assert.Equal(0, request.Inputs[0].ElementCount);
    }

    [Fact]
    public void TryReadRequest_IdParametersAndOutputs_Kept()
    {
        var request = Read("""
            {"id":"req-7","parameters":{"priority":3},"unknown":{"ignored":[1]},
             "inputs":[{"name":"x","datatype":"FP32","shape":[1],"data":[1],"parameters":{"note":"n"}}],
             "outputs":[{"name":"label"},{"name":"probabilities","parameters":{"binary_data":true}}]}
            """);

        Assert.Equal("req-7", request.Id);
        Assert.Equal(3, request.Parameters["priority"].GetInt32());
        Assert.Equal("n", request.Inputs[0].Parameters["note"].GetString());
        Assert.Equal(["label", "probabilities"], request.Outputs.Select(o => o.Name));
        Assert.True(request.Outputs[1].Parameters["binary_data"].GetBoolean());
    }

    [Fact]
    public void TryReadRequest_BinaryData_ReadsRawLittleEndianBytes()
    {
        var (body, length) = OipMessages.Binary(
            """{"inputs":[{"name":"x","datatype":"FP32","shape":[1,3],"parameters":{"binary_data_size":12}},{"name":"s","datatype":"BYTES","shape":[2],"parameters":{"binary_data_size":13}}]}""",
            OipMessages.Floats(1.5f, -2f, 3f),
            OipMessages.Strings("abc", "de"));

        var request = Read(body, length);

        Assert.Equal([1.5f, -2f, 3f], request.Inputs[0].AsSpan<float>().ToArray());
        Assert.Equal(["abc", "de"], request.Inputs[1].ToStrings());
        Assert.False(request.Inputs[0].Parameters.ContainsKey("binary_data_size"));
    }

    [Fact]
    public void TryReadRequest_JsonAndBinaryInputsMixed_ReadsBoth()
    {
        var (body, length) = OipMessages.Binary(
            """{"inputs":[{"name":"a","datatype":"INT32","shape":[2],"data":[7,8]},{"name":"b","datatype":"BOOL","shape":[3],"parameters":{"binary_data_size":3}}]}""",
            [1, 0, 1]);

        var request = Read(body, length);

        Assert.Equal([7, 8], request.Inputs[0].AsSpan<int>().ToArray());
        Assert.Equal([true, false, true], request.Inputs[1].AsSpan<bool>().ToArray());
    }

    [Theory]
    [InlineData("", "the body is empty")]
    [InlineData("{", "not valid JSON")]
    [InlineData("[1]", "the body is an array")]
    [InlineData("{}", "no \"inputs\"")]
    [InlineData("""{"inputs":{}}""", "\"inputs\" is an object")]
    [InlineData("""{"inputs":[1]}""", "inputs[0] is a number")]
    [InlineData("""{"inputs":[{"datatype":"FP32","shape":[1],"data":[1]}]}""", "input 0 has no name")]
    [InlineData("""{"inputs":[{"name":"","datatype":"FP32","shape":[1],"data":[1]}]}""", "name must have 1 to")]
    [InlineData("""{"inputs":[{"name":"x","shape":[1],"data":[1]}]}""", "input 'x' has no datatype")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FLOAT32","shape":[1],"data":[1]}]}""", "datatype 'FLOAT32'; known datatypes are BOOL")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","data":[1]}]}""", "input 'x' has no shape")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","shape":[1]}]}""", "neither data nor parameters.binary_data_size")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","shape":[-1],"data":[1]}]}""", "shape[0] must be an integer ≥ 0")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","shape":[1.5],"data":[1]}]}""", "shape[0] must be an integer ≥ 0")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","shape":"[1]","data":[1]}]}""", "shape is a string")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","shape":[2,2],"data":[1,2,3]}]}""", "shape [2, 2] (4 elements) but its data has 3")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","shape":[2],"data":[1,2,3]}]}""", "more elements than its shape allows (2)")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","shape":[2],"data":[1,"2"]}]}""", "element 1 is a string, not a number (FP32)")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","shape":[1],"data":[1e39]}]}""", "out of the FP32 range")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP16","shape":[1],"data":[70000]}]}""", "out of the FP16 range")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"INT8","shape":[1],"data":[200]}]}""", "(200) is out of the INT8 range")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"UINT8","shape":[1],"data":[-1]}]}""", "(-1) is out of the UINT8 range")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"INT32","shape":[1],"data":[1.5]}]}""", "(1.5) is not an integer (INT32)")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"UINT64","shape":[1],"data":[18446744073709551616]}]}""", "out of the UINT64 range")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"BOOL","shape":[1],"data":[1]}]}""", "is a number, not true or false (BOOL)")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"BYTES","shape":[1],"data":[1]}]}""", "is a number, not a string (BYTES)")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","shape":[1],"data":[null]}]}""", "element 0 is null")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","shape":[1],"data":{"v":1}}]}""", "data is a JSON object")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","shape":[1],"data":[1]},{"name":"x","datatype":"FP32","shape":[1],"data":[1]}]}""", "input 'x' is given twice")]
    [InlineData("""{"inputs":[],"inputs":[]}""", "property \"inputs\" appears twice")]
    [InlineData("""{"inputs":[{"name":"x","name":"y","datatype":"FP32","shape":[1],"data":[1]}]}""", "has property \"name\" twice")]
    [InlineData("""{"inputs":[]} []""", "not valid JSON")]
    [InlineData("""{"id":5,"inputs":[]}""", "\"id\" is a number; it must be a string")]
    [InlineData("""{"parameters":[],"inputs":[]}""", "parameters is an array; it must be an object")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","shape":[1],"data":[1],"parameters":{"binary_data_size":-4}}]}""", "binary_data_size must be an integer ≥ 0")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","shape":[1],"parameters":{"binary_data_size":4}}]}""", "has no Inference-Header-Content-Length header")]
    [InlineData("""{"inputs":[],"outputs":[{"name":"a"},{"name":"a"}]}""", "output 'a' is requested twice")]
    [InlineData("""{"inputs":[],"outputs":[{"parameters":{}}]}""", "outputs[0] has no name")]
    [InlineData("""{"inputs":[],"outputs":{}}""", "\"outputs\" is an object")]
    [InlineData("""{"inputs":[{"name":"x\ud800","datatype":"FP32","shape":[1],"data":[1]}]}""", "not valid JSON")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"BYTES","shape":[1],"data":["\udc00"]}]}""", "input 'x' data is not valid JSON text")]
    public void TryReadRequest_InvalidJson_ReturnsProblemNamingIt(string json, string expected)
    {
        var error = InferenceReader.TryReadRequest(Encoding.UTF8.GetBytes(json), null, out var request);

        Assert.Null(request);
        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadRequest_InvalidUtf8_ProblemNamingTheByte()
    {
        byte[] body = [.. "{\"inputs\":[{\"name\":\"x"u8, 0xC3, 0x28, .. "\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[1]}]}"u8];

        var error = InferenceReader.TryReadRequest(body, null, out var request);

        Assert.Null(request);
        Assert.Equal("the body is not valid UTF-8 (from byte 21)", error);
    }

    [Fact]
    public void TryReadRequest_BinaryTensorBytesNotUtf8_OnlyTheHeaderMustBe()
    {
        var (body, length) = OipMessages.Binary("""{"inputs":[{"name":"x","datatype":"UINT8","shape":[2],"parameters":{"binary_data_size":2}}]}""", [0xC3, 0x28]);

        Assert.Null(InferenceReader.TryReadRequest(body, length, out var request));
        Assert.Equal([0xC3, 0x28], request!.Inputs[0].AsSpan<byte>().ToArray());
    }

    [Fact]
    public void TryReadRequest_HugeDeclaredShapeWithTinyData_RefusedWithoutAllocatingIt()
    {
        var body = OipMessages.Json("""{"inputs":[{"name":"x","datatype":"FP64","shape":[1000000000],"data":[1]}]}""");
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = InferenceReader.TryReadRequest(body, null, out _);

        Assert.Contains("shape [1000000000] (1000000000 elements) but its data has 1", error, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000, "the declared size must not be allocated");
    }

    [Fact]
    public void TryReadRequest_ShapeProductOverflows_Refused()
    {
        var error = InferenceReader.TryReadRequest(
            OipMessages.Json("""{"inputs":[{"name":"x","datatype":"FP32","shape":[4294967296,4294967296,4294967296],"data":[1]}]}"""), null, out _);

        Assert.Contains("more than 2147482623 elements", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadRequest_RankAboveLimit_Refused()
    {
        var shape = string.Join(",", Enumerable.Repeat("1", OipLimits.MaxRank + 1));
        var error = InferenceReader.TryReadRequest(OipMessages.Json($$"""{"inputs":[{"name":"x","datatype":"FP32","shape":[{{shape}}],"data":[1]}]}"""), null, out _);

        Assert.Contains("more than 32 dimensions", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadRequest_DataNestedTooDeep_RefusedAsInvalidJson()
    {
        var data = new string('[', 200) + "1" + new string(']', 200);
        var error = InferenceReader.TryReadRequest(OipMessages.Json($$"""{"inputs":[{"name":"x","datatype":"FP32","shape":[1],"data":{{data}}}]}"""), null, out _);

        Assert.Contains("not valid JSON", error, StringComparison.Ordinal);
        Assert.Contains("depth", error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(12, 12, null)]
    [InlineData(8, 12, "which is 12 bytes, but binary_data_size is 8")]
    [InlineData(16, 12, "only 12 bytes of binary data are left")]
    [InlineData(12, 16, "4 bytes of binary data after the JSON header belong to no input's binary_data_size")]
    public void TryReadRequest_BinarySizeAgainstBody_ChecksEveryByte(int declared, int sent, string? expected)
    {
        var (body, length) = OipMessages.Binary(
            $$$"""{"inputs":[{"name":"x","datatype":"FP32","shape":[3],"parameters":{"binary_data_size":{{{declared}}}}}]}""",
            new byte[sent]);

        var error = InferenceReader.TryReadRequest(body, length, out _);

        if (expected is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Contains(expected, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TryReadRequest_DataAndBinarySize_Refused()
    {
        var (body, length) = OipMessages.Binary("""{"inputs":[{"name":"x","datatype":"FP32","shape":[1],"data":[1],"parameters":{"binary_data_size":4}}]}""", new byte[4]);

        Assert.Contains("has both data and binary_data_size", InferenceReader.TryReadRequest(body, length, out _), StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadRequest_BinaryBoolNotZeroOrOne_Refused()
    {
        var (body, length) = OipMessages.Binary("""{"inputs":[{"name":"x","datatype":"BOOL","shape":[2],"parameters":{"binary_data_size":2}}]}""", [1, 2]);

        Assert.Contains("BOOL element 1 is the byte 2, not 0 or 1", InferenceReader.TryReadRequest(body, length, out _), StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadRequest_BinaryBytesDeclaringMoreElementsThanFit_RefusedWithoutAllocatingThem()
    {
        var (body, length) = OipMessages.Binary("""{"inputs":[{"name":"x","datatype":"BYTES","shape":[1000000000],"parameters":{"binary_data_size":8}}]}""", new byte[8]);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = InferenceReader.TryReadRequest(body, length, out _);

        Assert.Contains("cannot hold that many", error, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000, "the declared element count must not be allocated");
    }

    [Theory]
    [InlineData(new byte[] { 9, 0, 0, 0, 1, 2, 3, 4 }, "declares 9 bytes but only 4 are left")]
    [InlineData(new byte[] { 1, 0, 0, 0, 65, 1, 0, 0, 0, 66, 0, 0 }, "2 bytes are left after its 2 BYTES elements")]
    [InlineData(new byte[] { 1, 0, 0, 0, 65, 0, 0, 0 }, "BYTES element 1 has no 4-byte length")]
    public void TryReadRequest_MalformedBinaryBytes_Refused(byte[] data, string expected)
    {
        var (body, length) = OipMessages.Binary($$$"""{"inputs":[{"name":"x","datatype":"BYTES","shape":[2],"parameters":{"binary_data_size":{{{data.Length}}}}}]}""", data);

        Assert.Contains(expected, InferenceReader.TryReadRequest(body, length, out _), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc", "'abc' is not a non-negative integer")]
    [InlineData("-1", "'-1' is not a non-negative integer")]
    [InlineData("99", "is 99 but the body has only 10 bytes")]
    public void TryParseHeaderLength_Invalid_Refused(string value, string expected)
    {
        Assert.Contains(expected, InferenceReader.TryParseHeaderLength(value, 10, out _), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseHeaderLength_AbsentOrValid_Parsed()
    {
        Assert.Null(InferenceReader.TryParseHeaderLength(null, 10, out var none));
        Assert.Null(none);
        Assert.Null(InferenceReader.TryParseHeaderLength("10", 10, out var ten));
        Assert.Equal(10, ten);
    }

    [Theory]
    [InlineData("id", "\"id\" is longer than 1024 characters")]
    [InlineData("name", "\"inputs[0].name\" is longer than 1024 characters")]
    [InlineData("datatype", "\"inputs[0].datatype\" is longer than 32 characters")]
    [InlineData("property", "the request has a property name longer than 1024 characters")]
    [InlineData("tensor-property", "inputs[0] has a property name longer than 1024 characters")]
    [InlineData("parameter", "parameters has a parameter name longer than 1024 characters")]
    [InlineData("escaped-parameter", "parameters has a parameter name longer than 1024 characters")]
    public void TryReadRequest_StringPastItsLengthLimit_RefusedNamingTheLimit(string where, string expected)
    {
        var text = new string('a', 1025);
        var escaped = string.Concat(Enumerable.Repeat("\\u0061", 1025)); // 1,025 characters in 6,150 bytes
        var json = where switch
        {
            "id" => $$"""{"id":"{{text}}","inputs":[]}""",
            "name" => $$"""{"inputs":[{"name":"{{text}}","datatype":"FP32","shape":[1],"data":[1]}]}""",
            "datatype" => $$"""{"inputs":[{"name":"x","datatype":"{{new string('F', 33)}}","shape":[1],"data":[1]}]}""",
            "property" => $$"""{"{{text}}":1,"inputs":[]}""",
            "tensor-property" => $$"""{"inputs":[{"{{text}}":1}]}""",
            "parameter" => $$"""{"parameters":{"{{text}}":1},"inputs":[]}""",
            _ => $$"""{"parameters":{"{{escaped}}":1},"inputs":[]}""",
        };

        var error = InferenceReader.TryReadRequest(OipMessages.Json(json), null, out var request);

        Assert.Null(request);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryReadRequest_StringsAtTheirLengthLimits_Accepted()
    {
        var name = string.Concat(Enumerable.Repeat("\\u00e9", 1024)); // 1,024 characters, escaped in 6 bytes each
        var request = Read($$"""{"id":"{{name}}","parameters":{"{{name}}":1},"inputs":[{"name":"{{name}}","datatype":"FP32","shape":[1],"data":[1]}]}""");

        Assert.Equal(1024, request.Id!.Length);
        Assert.Equal(1024, request.Inputs[0].Name.Length);
        Assert.Equal(1, request.Parameters[new string('é', 1024)].GetInt32());
    }

    [Fact]
    public void TryReadRequest_ParametersAtTheCountLimit_EveryOneKeptInOrder()
    {
        var pairs = Enumerable.Range(0, OipLimits.MaxParameters).Select(i => $"\"p{i}\":{i}");
        var request = Read($$$"""{"parameters":{{{{string.Join(",", pairs)}}}},"inputs":[{"name":"x","datatype":"FP32","shape":[1],"data":[1],"parameters":{"a":[1,{"b":null}],"c":"d"}}]}""");

        Assert.Equal(OipLimits.MaxParameters, request.Parameters.Count);
        Assert.Equal(Enumerable.Range(0, OipLimits.MaxParameters).Select(i => $"p{i}"), request.Parameters.Keys);
        Assert.Equal(1023, request.Parameters["p1023"].GetInt32());
        Assert.False(request.Parameters.ContainsKey("p1024"));
        Assert.Equal(["a", "c"], request.Inputs[0].Parameters.Keys);
        Assert.Equal(JsonValueKind.Null, request.Inputs[0].Parameters["a"][1].GetProperty("b").ValueKind);
    }

    [Theory]
    [InlineData("""{"parameters":{"a":1,"a":2},"inputs":[]}""")]
    [InlineData("""{"parameters":{"a":{"k":1,"k":2}},"inputs":[]}""")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","shape":[1],"data":[1],"parameters":{"n":[{"k":1,"k":2}]}}]}""")]
    [InlineData("""{"inputs":[],"outputs":[{"name":"y","parameters":{"binary_data":true,"binary_data":false}}]}""")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","shape":[1],"data":[1],"parameters":{"binary_data_size":4,"binary_data_size":4}}]}""")]
    public void TryReadRequest_ParameterKeyTwiceAtAnyDepth_Refused(string json)
    {
        var error = InferenceReader.TryReadRequest(OipMessages.Json(json), null, out var request);

        Assert.Null(request);
        Assert.Contains("parameters is not valid", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1000000000000,0]")]
    [InlineData("[0,4294967296,4294967296]")]
    [InlineData("[3000000000,0,1]")]
    public void TryReadRequest_ZeroDimensionBesideHugeOnes_Refused(string shape)
    {
        var error = InferenceReader.TryReadRequest(OipMessages.Json($$"""{"inputs":[{"name":"x","datatype":"FP32","shape":{{shape}},"data":[]}]}"""), null, out var request);

        Assert.Null(request);
        Assert.Contains("more than 2147482623 elements (its dimensions other than 0 multiply past the limit)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadRequest_ZeroDimensionBesideModestOnes_EmptyTensor()
    {
        var request = Read("""{"inputs":[{"name":"x","datatype":"FP32","shape":[1000,0,3],"data":[]}]}""");

        Assert.Equal([1000L, 0, 3], request.Inputs[0].Shape);
        Assert.Equal(0, request.Inputs[0].ElementCount);
    }

    [Theory]
    [InlineData("datatype")]
    [InlineData("duplicate-name")]
    [InlineData("duplicate-property")]
    [InlineData("number")]
    [InlineData("header")]
    public void TryReadRequest_LongCallerText_QuotedShortenedWithAnEllipsis(string where)
    {
        var long1000 = new string('z', 1000);
        string? error;
        if (where == "header")
        {
            error = InferenceReader.TryParseHeaderLength(long1000, 10, out _);
        }
        else
        {
            var json = where switch
            {
                "datatype" => """{"inputs":[{"name":"x","datatype":"ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ","shape":[1],"data":[1]}]}""".Replace("ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", new string('z', 32), StringComparison.Ordinal),
                "duplicate-name" => $$"""{"inputs":[{"name":"{{long1000}}","datatype":"FP32","shape":[1],"data":[1]},{"name":"{{long1000}}","datatype":"FP32","shape":[1],"data":[1]}]}""",
                "duplicate-property" => $$"""{"{{long1000}}":1,"{{long1000}}":2,"inputs":[]}""",
                _ => $$"""{"inputs":[{"name":"x","datatype":"INT32","shape":[1],"data":[{{new string('9', 100_000)}}]}]}""",
            };
            error = InferenceReader.TryReadRequest(OipMessages.Json(json), null, out _);
        }

        Assert.NotNull(error);
        var quoted = where == "datatype" ? new string('z', 32) : where == "number" ? new string('9', 100) + "…" : new string('z', 100) + "…";
        Assert.Contains(quoted, error, StringComparison.Ordinal);
        Assert.True(error.Length < 400, error);
    }

    private static InferenceRequest Read(string json) => Read(OipMessages.Json(json), null);

    private static InferenceRequest Read(byte[] body, int? headerLength)
    {
        var error = InferenceReader.TryReadRequest(body, headerLength, out var request);
        Assert.True(error is null, error);
        return request!;
    }

    private static string Format(InferenceTensor tensor) => tensor.DataType switch
    {
        TensorDataType.Bool => string.Join(",", tensor.AsSpan<bool>().ToArray()),
        TensorDataType.UInt8 => string.Join(",", tensor.AsSpan<byte>().ToArray()),
        TensorDataType.UInt16 => string.Join(",", tensor.AsSpan<ushort>().ToArray()),
        TensorDataType.UInt32 => string.Join(",", tensor.AsSpan<uint>().ToArray()),
        TensorDataType.UInt64 => string.Join(",", tensor.AsSpan<ulong>().ToArray()),
        TensorDataType.Int8 => string.Join(",", tensor.AsSpan<sbyte>().ToArray()),
        TensorDataType.Int16 => string.Join(",", tensor.AsSpan<short>().ToArray()),
        TensorDataType.Int32 => string.Join(",", tensor.AsSpan<int>().ToArray()),
        TensorDataType.Int64 => string.Join(",", tensor.AsSpan<long>().ToArray()),
        TensorDataType.Fp16 => string.Join(",", tensor.AsSpan<Half>().ToArray()),
        TensorDataType.Fp32 => string.Join(",", tensor.AsSpan<float>().ToArray()),
        TensorDataType.Fp64 => string.Join(",", tensor.AsSpan<double>().ToArray()),
        _ => string.Join(",", tensor.ToStrings()),
    };
}
