using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;

namespace MangaMotion.Acceptance.Settings;

/// <summary>
/// The one masking rule for everything the suite writes or prints: the values of secret settings
/// (registered when settings are read), the password in a URL's user part, and the signature and
/// credential parameters of presigned URLs. A secret is replaced by <see cref="Hidden"/>; what is
/// left still says which URL or setting it was.
/// </summary>
public static partial class Redaction
{
    public const string Hidden = "****";
    private static ImmutableArray<string> _known = [];

    /// <summary>Values to hide wherever they appear, also as they look inside JSON or HTML text.</summary>
    public static void Register(IEnumerable<string?> secrets)
    {
        var forms = secrets.Where(s => s is { Length: >= 3 })
            .SelectMany(s => new[] { s!, JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(s!), JavaScriptEncoder.Default.Encode(s!), HtmlEncoder.Default.Encode(s!) })
            .ToList();
        ImmutableInterlocked.Update(ref _known, known => [.. known.Union(forms).OrderByDescending(s => s.Length)]);
    }

    public static string Mask(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        foreach (var secret in _known) text = text.Replace(secret, Hidden, StringComparison.Ordinal);
        text = UrlUserInfo().Replace(text, m => m.Groups["password"].Success ? $"{m.Groups["user"].Value}:{Hidden}@" : $"{Hidden}@");
        return SignedQuery().Replace(text, m => m.Groups["name"].Value + "=" + Hidden);
    }

    /// <summary>The user part of a URL: "user:password@" keeps the user; a lone token ("token@") is all secret.</summary>
    [GeneratedRegex(@"(?<=\b[a-zA-Z][a-zA-Z0-9+.\-]*://)(?:(?<user>[^:@/\s""'<>]*):(?<password>[^@/\s""'<>]*)|(?<token>[^:@/\s""'<>]+))@")]
    private static partial Regex UrlUserInfo();

    /// <summary>Presigned URL parameters (AWS signature v4 and v2, Azure SAS, generic tokens) that grant access on their own.</summary>
    [GeneratedRegex(@"(?<=[?&])(?<name>X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|Signature|AWSAccessKeyId|sig|token|access_token)=[^&\s""'<>#]*", RegexOptions.IgnoreCase)]
    private static partial Regex SignedQuery();
}
