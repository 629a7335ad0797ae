using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RolloutHub.Tests.Support;

/// <summary>
/// The API as a separate operating-system process, for tests that kill it (SIGKILL) or run
/// several instances. Uses the build of the API that the test project references.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ApiProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
        Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestApp.AdminToken);
    }

    public int Port { get; }
    public HttpClient Client { get; }

    public static async Task<ApiProcess> StartAsync(string provider, string connectionString, IDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var apiDll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [apiDll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(apiDll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = provider;
        start.Environment["ConnectionStrings__RolloutHub"] = connectionString;
        start.Environment["ROLLOUTHUB_ADMIN_TOKEN"] = TestApp.AdminToken;
        start.Environment["Dashboard__Path"] = "/nonexistent";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var api = new ApiProcess(process, port);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (process.HasExited) throw new InvalidOperationException($"The API exited with code {process.ExitCode} on start.");
            try
            {
                if ((await api.Client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return api;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        await api.DisposeAsync();
        throw new TimeoutException("The API did not become ready in 30 s.");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — as a crash or a pulled plug.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Client.Dispose();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
