using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Departments;
using RolloutHub.Api.Features.Audit;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Tokens;

/// <summary>A name, a role and, for champions, the departments they act for.</summary>
public sealed record IssueToken(string Name, string Role, IReadOnlyList<string>? DepartmentCodes, DateTimeOffset? ExpiresAt)
    : ICommand<IssuedToken>;

public sealed record IssuedToken(string Id, string Name, string Role, IReadOnlyList<string> DepartmentCodes, DateTimeOffset? ExpiresAt, string Token);

public sealed class IssueTokenValidator : AbstractValidator<IssueToken>
{
    public IssueTokenValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Role).Must(r => Roles.All.Contains(r)).WithMessage($"role must be one of {string.Join(", ", Roles.All)}.");
        RuleFor(c => c.DepartmentCodes).NotEmpty().When(c => c.Role == Roles.Champion)
            .WithMessage("A champion token needs at least one department code.");
        RuleFor(c => c.ExpiresAt).GreaterThan(_ => DateTimeOffset.UtcNow).When(c => c.ExpiresAt is not null)
            .WithMessage("expiresAt must be in the future.");
    }
}

public sealed class IssueTokenHandler(DbSession session, AuditTrail audit) : IRequestHandler<IssueToken, IssuedToken>
{
    public async Task<IssuedToken> Handle(IssueToken request, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var departments = (request.DepartmentCodes ?? []).Distinct().Order(StringComparer.Ordinal).ToArray();
        await KnownDepartments.EnsureExistAsync(session, departments, "departmentCodes", cancellationToken);

        var secret = TokenHasher.NewSecret();
        var id = Guid.NewGuid().ToString("N");
        await connection.ExecuteAsync("""
            INSERT INTO api_tokens (id, name, role, department_codes, token_hash, created_at, expires_at)
            VALUES (@id, @name, @role, @departmentCodes, @hash, @now, @expiresAt)
            """, new
        {
            id, name = request.Name, role = request.Role, departmentCodes = string.Join('|', departments),
            hash = TokenHasher.Hash(secret), now = DateTimeOffset.UtcNow, expiresAt = request.ExpiresAt,
        }, session.Transaction);
        await audit.RecordAsync(connection, session.Transaction, "issue", "token", id,
            new { request.Name, request.Role, departmentCodes = departments, request.ExpiresAt });
        return new IssuedToken(id, request.Name, request.Role, departments, request.ExpiresAt, secret);
    }
}
