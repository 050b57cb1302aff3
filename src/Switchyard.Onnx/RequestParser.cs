using System.Text.Json;

namespace Switchyard.Onnx;

/// <summary>
/// Reads one example from a request body straight into its row of the batch tensor, so the numbers are parsed
/// once and never copied: a JSON array of numbers, or <c>{"inputs": [...]}</c> holding that array.
/// </summary>
internal static class RequestParser
{
    /// <summary>Fills <paramref name="row"/> (its length is the feature count) or returns why the body does not fit.</summary>
    public static string? TryParse(ReadOnlySpan<byte> body, Span<float> row)
    {
        var expected = Describe(row.Length);
        if (body.IsEmpty)
        {
            return $"The request body is empty; {expected}.";
        }

        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            reader.Read();
            string? error;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    error = ReadArray(ref reader, row, expected);
                    break;
                case JsonTokenType.StartObject:
                    error = ReadObject(ref reader, row, expected);
                    break;
                default:
                    return $"The request body is a JSON {Name(reader.TokenType)}; {expected}.";
            }

            if (error is null && reader.Read())
            {
                // The reader allows one top-level value, so trailing content mostly throws above instead.
                return $"The request body has content after its JSON value; {expected}.";
            }

            return error;
        }
        catch (JsonException ex)
        {
            return $"The request body is not valid JSON ({ex.Message}); {expected}.";
        }
    }

    private static string? ReadObject(ref Utf8JsonReader reader, Span<float> row, string expected)
    {
        string? error = null;
        var found = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Case-insensitive like ServeJson's web defaults; other properties are ignored.
            var isInputs = !found && string.Equals(reader.GetString(), "inputs", StringComparison.OrdinalIgnoreCase);
            reader.Read();
            if (!isInputs)
            {
                reader.Skip();
                continue;
            }

            found = true;
            error = reader.TokenType == JsonTokenType.StartArray
                ? ReadArray(ref reader, row, expected)
                : $"\"inputs\" is a JSON {Name(reader.TokenType)}; {expected}.";
            if (error is not null)
            {
                return error;
            }
        }

        return found ? null : $"The request body is a JSON object without \"inputs\"; {expected}.";
    }

    private static string? ReadArray(ref Utf8JsonReader reader, Span<float> row, string expected)
    {
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                return $"Element {count} is a JSON {Name(reader.TokenType)}, not a number; {expected}.";
            }

            // TryGetSingle accepts values that overflow to infinity; a model input has to be finite.
            if (!reader.TryGetSingle(out var value) || !float.IsFinite(value))
            {
                return $"Element {count} is out of the float32 range; {expected}.";
            }

            if (count < row.Length)
            {
                row[count] = value;
            }

            count++;
        }

        // Keep counting past the row so the message says how long the array really was.
        return count == row.Length ? null : $"The input has {count} numbers; {expected}.";
    }

    private static string Describe(int features) =>
        $"expected a JSON array of exactly {features} numbers, or {{\"inputs\": [...]}} with that array";

    private static string Name(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.StartObject => "object",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
