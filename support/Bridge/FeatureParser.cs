using System.Security.Cryptography;
using System.Text;
using Gherkin;
using Gherkin.CucumberMessages;
using Gherkin.CucumberMessages.Pickles;
using Io.Cucumber.Messages.Types;

namespace MangaMotion.Acceptance.Bridge;

/// <summary>
/// Parses a feature file into the Cucumber messages Reqnroll's generator would have embedded
/// (Gherkin's own AST converter and pickle compiler), so the runtime formatters see every scenario.
/// </summary>
public static class FeatureParser
{
    public static ParsedFeature Parse(string uri, string text)
    {
        var source = new Source(uri, text, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN);
        try
        {
            var ast = new Parser().Parse(new StringReader(text));
            var ids = new StableIdGenerator(uri);
            var document = new AstMessagesConverter(ids).ConvertGherkinDocumentToEventArgs(ast, uri);
            var pickles = document.Feature is null ? new List<Pickle>() : new PickleCompiler(ids).Compile(document);
            return new ParsedFeature(uri, source, document, pickles, document.Feature is null ? "the file holds no Feature" : null);
        }
        catch (CompositeParserException e)
        {
            var first = e.Errors.First();
            return Failed(source, uri, first.Location?.Line, string.Join("; ", e.Errors.Select(x => x.Message)));
        }
        catch (ParserException e)
        {
            return Failed(source, uri, e.Location?.Line, e.Message);
        }
    }

    private static ParsedFeature Failed(Source source, string uri, int? line, string message) =>
        new(uri, source, null, Array.Empty<Pickle>(), $"{uri}{(line is null ? "" : $" line {line}")}: {message}");

    /// <summary>
    /// Ids must be unique across all features of a run (the formatters key pickles and steps by id)
    /// and stable between discovery and execution processes, so they are derived from the file's path.
    /// </summary>
    private sealed class StableIdGenerator(string uri) : IIdGenerator
    {
        private readonly string _prefix = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(uri)), 0, 6).ToLowerInvariant();
        private int _next;

        public string GetNewId() => $"{_prefix}-{_next++}";
    }
}
