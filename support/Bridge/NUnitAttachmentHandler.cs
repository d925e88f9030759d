using NUnit.Framework;
using Reqnroll.Infrastructure;

namespace MangaMotion.Acceptance.Bridge;

/// <summary>Files attached through Reqnroll's output helper become NUnit test attachments (and so land in TRX).</summary>
public sealed class NUnitAttachmentHandler : IReqnrollAttachmentHandler
{
    public void AddAttachment(string filePath) => TestContext.AddTestAttachment(filePath);
}
