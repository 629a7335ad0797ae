using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Security;

/// <summary>
/// The process is killed (SIGKILL) in the middle of a large import and started again: the
/// import is entirely there or entirely absent, and the database file is intact.
/// </summary>
public sealed class CrashTests
{
    private const int Rows = 200_000;

    [Theory]
    [InlineData("while the file is still arriving")]
    [InlineData("after the file has arrived")]
    public async Task An_import_cut_by_a_kill_is_all_or_nothing(string when)
    {
        var folder = Directory.CreateTempSubdirectory("rollouthub-crash").FullName;
        var connectionString = $"Data Source={Path.Combine(folder, "crash.db")}";
        try
        {
            await using (var api = await ApiProcess.StartAsync("sqlite", connectionString))
            {
                await Import(api.Client, "departments", World.Departments);
                await Import(api.Client, "employees", World.Employees);
                await Import(api.Client, "use-cases", World.UseCases);

                var halfSent = new TaskCompletionSource();
                var body = new SlowCsv(Rows, halfSent, holdHalfway: when.StartsWith("while"));
                var import = api.Client.PostAsync("/api/v1/imports/usage-events", body);
                if (when.StartsWith("while"))
                    await halfSent.Task;
                else
                    await Task.WhenAny(import, Task.Delay(TimeSpan.FromSeconds(1.5)).ContinueWith(_ => body.Finished.Task).Unwrap());
                api.Kill();
                try { await import.WaitAsync(TimeSpan.FromSeconds(30)); } catch (Exception) { /* the connection died with the process */ }
            }

            await using (var restarted = await ApiProcess.StartAsync("sqlite", connectionString))
            {
                Assert.Equal(HttpStatusCode.OK, (await restarted.Client.GetAsync("/health/ready")).StatusCode);
            }
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            var count = (long)(await new SqliteCommand("SELECT COUNT(*) FROM usage_events", connection).ExecuteScalarAsync())!;
            Assert.True(count is 0 or Rows, $"{count} of {Rows} rows survived: the import was cut in half.");
            Assert.Equal("ok", await new SqliteCommand("PRAGMA integrity_check", connection).ExecuteScalarAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task Import(HttpClient client, string kind, string csv)
    {
        var response = await client.PostAsync($"/api/v1/imports/{kind}", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A CSV body written row by row; it can stop halfway until the process is killed.</summary>
    private sealed class SlowCsv(int rows, TaskCompletionSource halfSent, bool holdHalfway) : HttpContent
    {
        public TaskCompletionSource Finished { get; } = new();

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            await writer.WriteAsync("event_id,occurred_on,employee_key,use_case_code,uses\n");
            for (var i = 0; i < rows; i++)
            {
                await writer.WriteAsync($"crash-{i},2026-01-{1 + i % 28:D2},S1,MAIL,1\n");
                if (i == rows / 2)
                {
                    await writer.FlushAsync();
                    halfSent.TrySetResult();
                    if (holdHalfway) await Task.Delay(Timeout.Infinite, cancellationToken);
                }
            }
            await writer.FlushAsync();
            Finished.TrySetResult();
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
