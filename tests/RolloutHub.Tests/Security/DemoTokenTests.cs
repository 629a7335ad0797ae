using System.Net;
using Microsoft.AspNetCore.Http;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Security;

/// <summary>The demonstration's tokens (an admin's among them) go only to the machine it runs on.</summary>
public sealed class DemoTokenTests
{
    private static async Task<int> AskAsync(TestApp app, string remote, params (string Name, string Value)[] headers)
    {
        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/api/v1/demo/tokens";
            c.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            foreach (var (name, value) in headers) c.Request.Headers[name] = value;
        });
        return context.Response.StatusCode;
    }

    [Fact]
    public async Task Demo_tokens_answer_loopback_callers_only_and_never_through_a_forwarding_proxy()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string?> { ["Demo:Seed"] = "true" });
        _ = app.Server;

        Assert.Equal(StatusCodes.Status200OK, await AskAsync(app, "127.0.0.1"));
        Assert.Equal(StatusCodes.Status200OK, await AskAsync(app, "::1"));
        Assert.Equal(StatusCodes.Status200OK, await AskAsync(app, "127.0.0.1", ("X-Forwarded-For", "127.0.0.1")));

        Assert.Equal(StatusCodes.Status404NotFound, await AskAsync(app, "203.0.113.7"));
        Assert.Equal(StatusCodes.Status404NotFound, await AskAsync(app, "10.1.2.3"));
        Assert.Equal(StatusCodes.Status404NotFound, await AskAsync(app, "127.0.0.1", ("X-Forwarded-For", "203.0.113.7")));
        Assert.Equal(StatusCodes.Status404NotFound, await AskAsync(app, "127.0.0.1", ("X-Forwarded-For", "127.0.0.1, 203.0.113.7")));
        Assert.Equal(StatusCodes.Status404NotFound, await AskAsync(app, "127.0.0.1", ("X-Real-IP", "198.51.100.2")));
        Assert.Equal(StatusCodes.Status404NotFound, await AskAsync(app, "::1", ("Forwarded", "for=\"[2001:db8:cafe::17]:4711\";proto=https")));
        Assert.Equal(StatusCodes.Status404NotFound, await AskAsync(app, "127.0.0.1", ("Forwarded", "for=unknown")));
    }

    [Fact]
    public async Task A_real_installation_has_no_demo_tokens_even_for_loopback()
    {
        await using var app = new TestApp();
        _ = app.Server;
        Assert.Equal(StatusCodes.Status404NotFound, await AskAsync(app, "127.0.0.1"));
    }
}
