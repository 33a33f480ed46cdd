namespace Lambda.Hosting.HttpApiV2;

/// <summary>A write-only buffer that starts the response on the first write, as a server must.</summary>
internal sealed class ResponseBodyStream(LambdaResponse response, int maxBytes) : Stream
{
    private readonly MemoryStream _buffer = new();

    public bool Overflowed { get; private set; }
    public ReadOnlyMemory<byte> Written => _buffer.GetBuffer().AsMemory(0, (int)_buffer.Length);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!response.AllowSynchronousIO)
        {
            throw new InvalidOperationException("Synchronous operations are disallowed. Call WriteAsync or set AllowSynchronousIO to true instead.");
        }

        if (!response.HasStarted)
        {
            response.StartAsync().GetAwaiter().GetResult();
        }

        Append(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!response.HasStarted)
        {
            await response.StartAsync(cancellationToken);
        }

        Append(buffer.Span);
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        response.HasStarted ? Task.CompletedTask : response.StartAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (Overflowed)
        {
            return;
        }

        if (_buffer.Length + bytes.Length > maxBytes)
        {
            Overflowed = true;
            _buffer.SetLength(0);
            return;
        }

        _buffer.Write(bytes);
    }
}
