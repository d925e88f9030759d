using System.Net.Sockets;
using System.Security.Authentication;

namespace MangaMotion.Acceptance.Load.Measurement;

/// <summary>
/// Names for what went wrong, stable across runs so reports and verdicts can count them:
/// timeout, connection_refused, connection_reset, dns, tls, http_4xx codes, http_5xx codes,
/// check_failed, and other:&lt;exception&gt; for anything unexpected.
/// </summary>
public static class ErrorClasses
{
    public const string Timeout = "timeout";
    public const string ConnectionRefused = "connection_refused";
    public const string ConnectionReset = "connection_reset";
    public const string Dns = "dns";
    public const string Tls = "tls";
    public const string CheckFailed = "check_failed";
    public const string Interrupted = "interrupted";

    public static string ForStatus(int status) => $"http_{status}";

    public static bool IsHttp(string errorClass) => errorClass.StartsWith("http_", StringComparison.Ordinal);

    /// <summary>Classifies an exception thrown by a step; <paramref name="timedOut"/> says the step's own deadline fired.</summary>
    public static string ForException(Exception e, bool timedOut)
    {
        if (timedOut || e is TimeoutException) return Timeout;
        for (var x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case SocketException s when s.SocketErrorCode == SocketError.ConnectionRefused: return ConnectionRefused;
                case SocketException s when s.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown: return ConnectionReset;
                case SocketException s when s.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain: return Dns;
                case SocketException s when s.SocketErrorCode == SocketError.TimedOut: return Timeout;
                case AuthenticationException: return Tls;
                case IOException io when io.Message.Contains("reset", StringComparison.OrdinalIgnoreCase)
                                         || io.Message.Contains("prematurely", StringComparison.OrdinalIgnoreCase): return ConnectionReset;
                case HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }: return Dns;
                case HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError }: return Tls;
                case HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded }: return ConnectionReset;
            }
        }
        return $"other:{e.GetType().Name}";
    }
}
