using Reqnroll;
using Reqnroll.Infrastructure;

namespace MangaMotion.Acceptance.Bridge;

/// <summary>Reqnroll's own output helper behind <see cref="OutputFilter"/>: the formatters and the trace get the masked line.</summary>
public sealed class MaskingOutputHelper(ReqnrollOutputHelper inner) : IReqnrollOutputHelper
{
    public void WriteLine(string message) => inner.WriteLine(OutputFilter.Apply(message));

    public void WriteLine(string format, params object[] args) => WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

    public void AddAttachment(string filePath) => inner.AddAttachment(filePath);
}
