using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Runtime.CompilerServices;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RolloutHub.Api.Infrastructure;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Input;

/// <summary>Every date the API reads, in a query or a body, is checked against one range and refused with a 400 naming it.</summary>
public sealed class DateBoundsTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public async Task InitializeAsync() => await World.LoadAsync(_app);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static readonly string[] DateNames = ["from", "to", "asOf"];

    /// <summary>Every (method, route, parameter) of the API whose query parameter is a date.</summary>
    private IReadOnlyList<(string Method, string Route, string Parameter)> DateParameters() =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/") == true && e.Metadata.GetMetadata<MethodInfo>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<MethodInfo>()!.GetParameters()
                .Where(p => p.ParameterType == typeof(DateOnly) || p.ParameterType == typeof(DateOnly?)
                            || p.ParameterType == typeof(string) && DateNames.Contains(p.Name))
                .SelectMany(p => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                    .Select(m => (m, e.RoutePattern.RawText!, p.Name!))))
            .ToList();

    [Fact]
    public async Task Every_date_query_parameter_refuses_a_date_outside_1900_to_2200_with_a_400_naming_it()
    {
        var parameters = DateParameters();
        // The issue's findings, so that the walk cannot silently find nothing.
        Assert.Contains(parameters, p => p.Route.EndsWith("/{code}/progress") && p.Parameter == "asOf");
        Assert.Contains(parameters, p => p.Route.EndsWith("/budget/summary") && p.Parameter == "to");
        Assert.Contains(parameters, p => p.Route.EndsWith("/alerts/evaluate") && p.Parameter == "asOf");
        Assert.Contains(parameters, p => p.Route.StartsWith("/api/v1/kpis") && p.Parameter == "from");

        var failures = new List<string>();
        foreach (var (method, route, parameter) in parameters)
            foreach (var date in new[] { "0001-01-01", "9999-12-31", "1899-12-31", "2201-01-01" })
            {
                var path = System.Text.RegularExpressions.Regex.Replace(route, @"\{[^}]+\}", "W1");
                var response = await _app.Admin().SendAsync(new HttpRequestMessage(new HttpMethod(method), $"{path}?{parameter}={date}{(path.EndsWith("transfer-candidates") ? "&departmentCode=SALES" : "")}"));
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.BadRequest || !body.Contains($"\"{parameter}\":", StringComparison.Ordinal))
                    failures.Add($"{method} {path}?{parameter}={date}: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
            }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_bounds_themselves_are_accepted()
    {
        foreach (var date in new[] { "1900-01-01", "2200-12-31" })
        {
            Assert.Equal(HttpStatusCode.OK, (await _app.Admin().GetAsync($"/api/v1/budget/summary?from=1900-01-01&to={date}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await _app.Admin().GetAsync($"/api/v1/training-needs?asOf={date}")).StatusCode);
        }
    }

    [Fact]
    public async Task A_date_in_a_json_body_is_checked_too_and_named_as_sent()
    {
        var response = await _app.Admin().PostAsJsonAsync("/api/v1/usage-events/",
            new
            {
                events = new[] { new { eventId = "e1", occurredOn = "2026-01-05", employeeKey = "S1", useCaseCode = "MAIL", uses = 1 },
                                   new { eventId = "e2", occurredOn = "0001-01-01", employeeKey = "S1", useCaseCode = "MAIL", uses = 1 } }
            });
        var problem = await response.ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("events[1].occurredOn", out _), problem.ToString());

        var employee = await _app.Admin().PutAsJsonAsync("/api/v1/employees/S1",
            new { departmentCode = "SALES", joinedOn = "9999-12-31" });
        var employeeProblem = await employee.ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.True(employeeProblem.GetProperty("errors").TryGetProperty("joinedOn", out _), employeeProblem.ToString());
    }

    /// <summary>
    /// Walks every request type of the API: each date it can carry, however deep (a JSON body,
    /// the items of a list), set to 0001-01-01, is reported by the shared rule under its own name.
    /// </summary>
    [Fact]
    public async Task The_shared_rule_reaches_every_date_of_every_request_type()
    {
        var requestTypes = typeof(DateBounds).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }
                        && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
            .ToList();
        var withDates = 0;
        foreach (var type in requestTypes)
        {
            var leaves = new List<string>();
            var request = Build(type, "", leaves, 0);
            if (leaves.Count == 0) continue;
            withDates++;
            var validator = (IValidator)Activator.CreateInstance(typeof(DateBoundsValidator<>).MakeGenericType(type))!;
            var context = (IValidationContext)Activator.CreateInstance(typeof(ValidationContext<>).MakeGenericType(type), request)!;
            var result = await validator.ValidateAsync(context);
            Assert.True(leaves.Count == result.Errors.Count,
                $"{type.Name}: dates {string.Join(", ", leaves)}; reported {string.Join(", ", result.Errors.Select(e => e.PropertyName))}");
        }
        Assert.True(withDates >= 15, $"only {withDates} request types with dates found");
    }

    // An instance of the type with every date (directly, in a nested record, in a one-item list) at 0001-01-01.
    private static object? Build(Type type, string path, List<string> leaves, int depth)
    {
        if (type == typeof(DateOnly) || type == typeof(DateOnly?))
        {
            leaves.Add(path);
            return DateOnly.MinValue;
        }
        if (depth > 3 || type.Assembly != typeof(DateBounds).Assembly || type.IsEnum || type.IsInterface) return Default(type);
        var value = RuntimeHelpers.GetUninitializedObject(type);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var item = property.PropertyType.IsGenericType && property.PropertyType.GetGenericArguments() is [var only]
                       && typeof(System.Collections.IEnumerable).IsAssignableFrom(property.PropertyType) ? only : null;
            if (item is not null && item.Assembly == typeof(DateBounds).Assembly && !item.IsEnum)
            {
                var before = leaves.Count;
                var element = Build(item, $"{path}{property.Name}[0]", leaves, depth + 1);
                if (leaves.Count == before) continue;
                var array = Array.CreateInstance(item, 1);
                array.SetValue(element, 0);
                property.SetValue(value, array);
                continue;
            }
            property.SetValue(value, Build(property.PropertyType, $"{path}{property.Name}.", leaves, depth + 1) ?? Default(property.PropertyType));
        }
        return value;
    }

    private static object? Default(Type type) => type.IsValueType ? Activator.CreateInstance(type) : null;
}
