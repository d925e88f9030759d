using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MangaMotion.Acceptance.Stack;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Stack;

/// <summary>The embedded stack keeps the MangaMotion contract: every endpoint driven through it.</summary>
public sealed class StackContractTests : EmbeddedStackFixture
{

    [Test]
    public void It_describes_itself_with_the_settings_the_suite_reads()
    {
        Assert.That(Stack.Settings.Keys, Is.SupersetOf(new[] { "BASE_URL", "S3_ENDPOINT", "POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB", "REDIS_HOST", "REDIS_PORT", "QUEUE_KEY", "S3_BUCKET" }));
        Assert.That(Stack.Settings["BASE_URL"], Does.StartWith("http://127.0.0.1:"));
    }

    [Test]
    public async Task An_upload_becomes_a_job_that_the_worker_completes()
    {
        var jobId = await Client.UploadJobAsync();
        var status = await Client.WaitForJobAsync(jobId, TimeSpan.FromSeconds(30));
        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(status.GetProperty("progress").GetInt32(), Is.EqualTo(100));
        Assert.That(await Client.ScalarAsync($"SELECT count(*) FROM jobs WHERE id = {jobId} AND user_id = 'tests'"), Is.EqualTo(1));
    }

    [Test]
    public async Task Unknown_jobs_are_not_found_with_200()
    {
        using var response = await Client.Http.GetAsync("/api/status/999999999");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString(), Is.EqualTo("not_found"));
    }

    [Test]
    public async Task A_presigned_url_takes_a_put_and_the_object_is_there()
    {
        using var presign = await Client.Http.PostAsJsonAsync("/api/presign", new { filename = "page.jpg", contentType = "image/jpeg", fileSizeBytes = 512_000 });
        var body = await presign.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(body.GetProperty("expiresIn").GetInt32(), Is.EqualTo(600));
        var key = body.GetProperty("key").GetString()!;
        Assert.That(key, Does.EndWith("_page.jpg"));
        var content = new ByteArrayContent(new byte[512_000]);
        content.Headers.ContentType = new("image/jpeg");
        using var put = await Client.Http.PutAsync(body.GetProperty("url").GetString(), content);
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var s3 = Client.S3();
        Assert.That((await s3.GetObjectMetadataAsync(Client.Setting("S3_BUCKET"), key)).ContentLength, Is.EqualTo(512_000));
        var tampered = body.GetProperty("url").GetString()!.Replace("X-Amz-Signature=", "X-Amz-Signature=0");
        using var refused = await Client.Http.PutAsync(tampered, new ByteArrayContent(new byte[10]) { Headers = { ContentType = new("image/jpeg") } });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the object store checks signatures, as MinIO does");
    }

    [TestCase("{}", "required")]
    [TestCase("""{"filename":"page.exe","contentType":"image/jpeg","fileSizeBytes":10}""", "extension")]
    [TestCase("""{"filename":"page.jpg","contentType":"text/html","fileSizeBytes":10}""", "Content type")]
    [TestCase("""{"filename":"page.jpg","contentType":"image/jpeg","fileSizeBytes":104857601}""", "100 MB")]
    public async Task Presign_refuses_what_the_contract_refuses(string json, string mentions)
    {
        using var response = await Client.Http.PostAsync("/api/presign", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), Does.Contain(mentions));
    }

    [Test]
    public async Task An_upload_without_pages_is_refused()
    {
        using var response = await Client.Http.PostAsync("/api/upload", new MultipartFormDataContent { { new StringContent("{}"), "options" } });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("No files provided"));
    }

    [Test]
    public async Task A_burst_over_the_rate_limit_gets_429_with_the_contracts_headers()
    {
        await Client.SetFaultsAsync(new { rateLimitPerMinute = 3 });
        await Task.Delay(600);
        var user = $"burst-{Guid.NewGuid():N}";
        var codes = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 6; i++)
        {
            var response = await Client.UploadAsync(user);
            codes.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited ??= response;
        }
        Assert.That(codes.Count(c => c == HttpStatusCode.TooManyRequests), Is.GreaterThanOrEqualTo(3), string.Join(",", codes));
        Assert.That(limited!.Headers.GetValues("X-RateLimit-Limit").Single(), Is.EqualTo("3"));
        Assert.That(limited.Headers.Contains("X-RateLimit-Reset"), Is.True);
        Assert.That((await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("retryAfter").GetInt32(), Is.EqualTo(60));
    }

    [Test]
    public async Task Metrics_and_health_answer_with_the_contracts_shapes()
    {
        await Client.UploadJobAsync();
        var metrics = await Client.Http.GetFromJsonAsync<JsonElement>("/api/metrics");
        Assert.That(metrics.GetProperty("counters").TryGetProperty("upload_requests_total", out _), Is.True);
        Assert.That(metrics.GetProperty("gauges").GetProperty("queue_length").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(metrics.GetProperty("histograms").GetProperty("job_processing_seconds").TryGetProperty("p95", out _), Is.True);
        var health = await Client.Http.GetFromJsonAsync<JsonElement>("/api/health");
        Assert.That(health.GetProperty("status").GetString(), Is.EqualTo("healthy"));
    }
}
