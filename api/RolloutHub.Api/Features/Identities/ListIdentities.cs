using Dapper;
using MediatR;
using RolloutHub.Api.Data;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Identities;

/// <summary>An employee's identifier in another system (stored lowercased).</summary>
public sealed record Identity
{
    /// <summary>The system: free text; the sources use <c>email</c>, <c>github</c> and <c>viva</c>.</summary>
    public required string System { get; init; }
    /// <summary>The employee's identifier in it (a login, an address, a PersonId).</summary>
    public required string ExternalId { get; init; }
    public required string EmployeeKey { get; init; }
}

public sealed record ListIdentities(string? EmployeeKey, string? System, string? Q, int? Limit, string? Cursor) : IRequest<Page<Identity>>;

/// <summary>The identities by system and identifier; filtered by employee, system, or text in the identifier or employee key.</summary>
public sealed class ListIdentitiesHandler(DbSession session) : IRequestHandler<ListIdentities, Page<Identity>>
{
    // The cursor is the last row's system and identifier, which hold no control characters.
    private const char CursorSeparator = '\u001f';

    public async Task<Page<Identity>> Handle(ListIdentities request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request.Limit);
        var after = Paging.After(request.Cursor)?.Split(CursorSeparator, 2);
        if (after is { Length: not 2 }) throw RequestValidationException.For("cursor", "The cursor is not one this API returned.");
        var connection = await session.ConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Identity>($"""
            SELECT system, external_id, employee_key
            FROM identities
            WHERE (@afterSystem IS NULL OR system > @afterSystem OR (system = @afterSystem AND external_id > @afterId))
              AND (@employeeKey IS NULL OR employee_key = @employeeKey)
              AND (@system IS NULL OR system = @system)
              AND (@q IS NULL OR external_id LIKE @q OR LOWER(employee_key) LIKE @q)
            ORDER BY system, external_id
            {session.Dialect.Limit("@take")}
            """, new
        {
            afterSystem = after?[0], afterId = after?[1],
            employeeKey = string.IsNullOrWhiteSpace(request.EmployeeKey) ? null : request.EmployeeKey.Trim(),
            system = IdentityText.Normalise(request.System),
            q = IdentityText.Normalise(request.Q) is { } q ? $"%{q}%" : null,
            take = limit + 1,
        }, session.Transaction)).ToList();
        return Paging.From(rows, limit, i => $"{i.System}{CursorSeparator}{i.ExternalId}");
    }
}
