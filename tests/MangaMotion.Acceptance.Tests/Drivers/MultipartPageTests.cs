using MangaMotion.Acceptance.Drivers;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Drivers;

/// <summary>The upload body encoded once reads, in a multipart parser, as the form MultipartFormDataContent would send.</summary>
public sealed class MultipartPageTests
{
    [Test]
    public async Task The_encoded_page_reads_as_one_pages_part_named_page_jpg_holding_the_bytes()
    {
        var page = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray();
        using var content = MultipartPage.Of(page).Content();
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(content.Headers.ContentType!.ToString()).Boundary).Value!;
        Assert.That(content.Headers.ContentType!.MediaType, Is.EqualTo("multipart/form-data"));
        var reader = new MultipartReader(boundary, await content.ReadAsStreamAsync());
        var section = await reader.ReadNextSectionAsync();
        Assert.That(section, Is.Not.Null);
        var disposition = ContentDispositionHeaderValue.Parse(section!.ContentDisposition);
        Assert.That(disposition.Name.Value, Is.EqualTo("pages"));
        Assert.That(disposition.FileName.Value, Is.EqualTo("page.jpg"));
        Assert.That(section.ContentType, Is.EqualTo("image/jpeg"));
        using var body = new MemoryStream();
        await section.Body.CopyToAsync(body);
        Assert.That(body.ToArray(), Is.EqualTo(page));
        Assert.That(await reader.ReadNextSectionAsync(), Is.Null, "one part only");
    }
}
