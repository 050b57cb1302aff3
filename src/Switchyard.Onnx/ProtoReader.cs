namespace Switchyard.Onnx;

/// <summary>
/// A minimal protocol-buffers reader over a seekable stream: tags, varints, strings, and nested messages as length
/// limits. Fields it is not asked for are skipped by seeking, so a model's weights are never read into memory.
/// Malformed input throws <see cref="InvalidDataException"/>.
/// </summary>
internal sealed class ProtoReader
{
    private const int MaxStringBytes = 64 * 1024;

    private readonly Stream _stream;
    private long _limit;

    public ProtoReader(Stream stream)
    {
        _stream = stream;
        _limit = stream.Length;
    }

    /// <summary>Reads the next field's tag within the current message; false at its end.</summary>
    public bool TryReadTag(out int field, out int wireType)
    {
        field = 0;
        wireType = 0;
        if (_stream.Position >= _limit)
        {
            return false;
        }

        var tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        return field > 0 ? true : throw new InvalidDataException("A protobuf field number is 0.");
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = _stream.ReadByte();
            if (b < 0 || _stream.Position > _limit)
            {
                throw new InvalidDataException("A protobuf varint runs past the end of its message.");
            }

            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("A protobuf varint is longer than 10 bytes.");
    }

    /// <summary>Enters a length-delimited field as a nested message; returns the outer limit for <see cref="Exit"/>.</summary>
    public long Enter()
    {
        var length = ReadLength();
        var outer = _limit;
        _limit = _stream.Position + length;
        return outer;
    }

    /// <summary>Leaves a nested message, skipping whatever of it was not read.</summary>
    public void Exit(long outer)
    {
        _stream.Position = _limit;
        _limit = outer;
    }

    public string ReadString()
    {
        var length = ReadLength();
        if (length > MaxStringBytes)
        {
            throw new InvalidDataException($"A protobuf string of {length} bytes is longer than a name can be.");
        }

        var bytes = new byte[length];
        _stream.ReadExactly(bytes);
        return System.Text.Encoding.UTF8.GetString(bytes);
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0:
                ReadVarint();
                break;
            case 1:
                Seek(8);
                break;
            case 2:
                Seek(ReadLength());
                break;
            case 5:
                Seek(4);
                break;
            default:
                throw new InvalidDataException($"Protobuf wire type {wireType} is not used by ONNX models.");
        }
    }

    private long ReadLength()
    {
        var length = ReadVarint();
        if (length > (ulong)(_limit - _stream.Position))
        {
            throw new InvalidDataException("A protobuf field's length runs past the end of its message.");
        }

        return (long)length;
    }

    private void Seek(long count)
    {
        if (count > _limit - _stream.Position)
        {
            throw new InvalidDataException("A protobuf field runs past the end of its message.");
        }

        _stream.Position += count;
    }
}
