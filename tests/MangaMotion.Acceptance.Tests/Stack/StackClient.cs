using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using MangaMotion.Acceptance.Stack;
using Npgsql;
using StackExchange.Redis;

namespace MangaMotion.Acceptance.Tests.Stack;

/// <summary>
/// Talks to a running embedded stack the way the suite talks to any deployment: through its
/// settings (HTTP API, PostgreSQL, Redis, S3), plus the stack's admin endpoint to switch faults.
/// </summary>
public sealed class StackClient(EmbeddedStack stack) : IDisposable
{
    public HttpClient Http { get; } = new() { BaseAddress = stack.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    public string Setting(string name) => stack.Settings[name];

    public string Postgres => $"Host={Setting("POSTGRES_HOST")};Port={Setting("POSTGRES_PORT")};Username={Setting("POSTGRES_USER")};Password={Setting("POSTGRES_PASSWORD")};Database={Setting("POSTGRES_DB")};Pooling=false;Timeout=5";

    public IConnectionMultiplexer Redis { get; } = ConnectionMultiplexer.Connect($"{stack.Settings["REDIS_HOST"]}:{stack.Settings["REDIS_PORT"]}");

    public AmazonS3Client S3() => new(new BasicAWSCredentials(Setting("S3_ACCESS_KEY"), Setting("S3_SECRET_KEY")),
        new AmazonS3Config { ServiceURL = Setting("S3_ENDPOINT"), ForcePathStyle = true, AuthenticationRegion = "us-east-1", UseHttp = true, MaxErrorRetry = 0 });

    public async Task<HttpResponseMessage> UploadAsync(string user = "tests", int bytes = 2048, string fileName = "page.jpg")
    {
        using var form = new MultipartFormDataContent();
        var page = new ByteArrayContent(new byte[bytes]);
        page.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(page, "pages", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/upload") { Content = form };
        request.Headers.Add("X-User-ID", user);
        return await Http.SendAsync(request);
    }

    public async Task<string> UploadJobAsync(string user = "tests")
    {
        using var response = await UploadAsync(user);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
    }

    public async Task<JsonElement> StatusAsync(string jobId) => await Http.GetFromJsonAsync<JsonElement>($"/api/status/{jobId}");

    /// <summary>Polls the job until it leaves waiting/active, or the deadline passes (returns the last status).</summary>
    public async Task<JsonElement> WaitForJobAsync(string jobId, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        JsonElement status;
        do
        {
            status = await StatusAsync(jobId);
            if (status.GetProperty("status").GetString() is not ("waiting" or "active")) return status;
            await Task.Delay(100);
        } while (DateTime.UtcNow < until);
        return status;
    }

    public async Task SetFaultsAsync(object faults) => (await Http.PutAsJsonAsync(new Uri(stack.AdminUrl, "faults"), faults)).EnsureSuccessStatusCode();

    public async Task ClearFaultsAsync()
    {
        (await Http.DeleteAsync(new Uri(stack.AdminUrl, "faults"))).EnsureSuccessStatusCode();
        await Task.Delay(600); // the processes re-read faults every half second
    }

    public async Task<JsonElement> AdminAsync(string path, object body)
    {
        using var response = await Http.PostAsJsonAsync(new Uri(stack.AdminUrl, path), body);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var c = new NpgsqlConnection(Postgres);
        await c.OpenAsync();
        return Convert.ToInt64(await new NpgsqlCommand(sql, c).ExecuteScalarAsync());
    }

    public void Dispose()
    {
        Http.Dispose();
        Redis.Dispose();
    }
}
