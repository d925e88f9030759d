namespace MangaMotion.Acceptance.Load.Measurement;

/// <summary>Response bodies read with a limit: an error page of megabytes must not hold a virtual user or a probe.</summary>
public static class HttpBodies
{
    public static async Task<string> ReadLimitedAsync(HttpResponseMessage response, CancellationToken cancellation, int limit = 64 * 1024)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellation);
        // Rented, not allocated: this runs once per request of every virtual user, and the limit is the worst case, not the usual size.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(limit);
        try
        {
            var read = 0;
            int n;
            while (read < limit && (n = await stream.ReadAsync(buffer.AsMemory(read, limit - read), cancellation)) > 0) read += n;
            return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        }
        finally { System.Buffers.ArrayPool<byte>.Shared.Return(buffer); }
    }
}
