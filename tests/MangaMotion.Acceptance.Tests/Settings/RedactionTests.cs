using MangaMotion.Acceptance.Settings;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Settings;

public sealed class RedactionTests
{
    [TestCase("target http://user:distinctive-pw@127.0.0.1:8080/api", "target http://user:****@127.0.0.1:8080/api")]
    [TestCase("\"baseUrl\":\"https://ops:p%40ss@staging.example/\"", "\"baseUrl\":\"https://ops:****@staging.example/\"")]
    [TestCase("clone https://ghp_token123@github.com/x/y", "clone https://****@github.com/x/y")]
    [TestCase("mail me at ops@example.com", "mail me at ops@example.com")]
    [TestCase("http://127.0.0.1:9000/ok", "http://127.0.0.1:9000/ok")]
    public void A_urls_password_is_hidden_and_the_rest_kept(string text, string shown) =>
        Assert.That(Redaction.Mask(text), Is.EqualTo(shown));

    [Test]
    public void A_presigned_urls_signature_and_credential_are_hidden()
    {
        const string url = "http://127.0.0.1:9000/mm-bucket/p.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20261202%2Fus-east-1%2Fs3%2Faws4_request"
                           + "&X-Amz-Date=20261202T112600Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=0b1c2d3e4f";
        var shown = Redaction.Mask($"PUT {url} failed");
        Assert.That(shown, Does.Not.Contain("AKIA").And.Not.Contain("0b1c2d3e4f"));
        Assert.That(shown, Does.Contain("X-Amz-Credential=****&").And.Contain("X-Amz-Signature=**** failed").And.Contain("X-Amz-Expires=900"));
        Assert.That(Redaction.Mask("/b/k?AWSAccessKeyId=AK&Signature=abc%3D&Expires=1"), Is.EqualTo("/b/k?AWSAccessKeyId=****&Signature=****&Expires=1"));
    }

    [Test]
    public void A_registered_secret_is_hidden_as_written_and_as_json_or_html_escape_it()
    {
        Redaction.Register(["q\"uote<7741>"]);
        Assert.That(Redaction.Mask("pw q\"uote<7741> here"), Is.EqualTo("pw **** here"));
        Assert.That(Redaction.Mask("{\"pw\":\"q\\u0022uote\\u003C7741\\u003E\"}"), Does.Not.Contain("7741"));
        Assert.That(Redaction.Mask("<td>q&quot;uote&lt;7741&gt;</td>"), Is.EqualTo("<td>****</td>"));
    }

    [Test]
    public void A_url_settings_password_is_hidden_where_settings_are_shown()
    {
        var settings = SettingsReader.Read(new Dictionary<string, string?> { ["BASE_URL"] = "http://user:distinctive-pw-7742@127.0.0.1:8080/" });
        Assert.That(settings.BaseUrl!.UserInfo, Is.EqualTo("user:distinctive-pw-7742"), "the value itself is kept for use");
        Assert.That(settings.Values.Single(v => v.Name == "BASE_URL").Shown, Is.EqualTo("http://user:****@127.0.0.1:8080/"));
    }
}
