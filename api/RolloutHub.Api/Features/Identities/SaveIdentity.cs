using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Audit;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Identities;

/// <summary>Says who (which employee) an identifier of a system is; the identities import does the same in bulk.</summary>
public sealed record SaveIdentity(string System, string ExternalId, SaveIdentity.Body Values) : ICommand<Identity>
{
    public sealed record Body(string EmployeeKey);
}

public sealed class SaveIdentityValidator : AbstractValidator<SaveIdentity>
{
    public SaveIdentityValidator()
    {
        RuleFor(c => c.System).NotEmpty().Must(s => s.Trim().Length <= IdentityText.MaxSystemLength)
            .WithMessage($"system is longer than {IdentityText.MaxSystemLength} characters.");
        RuleFor(c => c.ExternalId).NotEmpty().Must(s => s.Trim().Length <= IdentityText.MaxExternalIdLength)
            .WithMessage($"externalId is longer than {IdentityText.MaxExternalIdLength} characters.");
        RuleFor(c => c.Values.EmployeeKey).NotEmpty().MaximumLength(100).OverridePropertyName("employeeKey");
    }
}

public sealed class SaveIdentityHandler(DbSession session, AuditTrail audit) : IRequestHandler<SaveIdentity, Identity>
{
    public async Task<Identity> Handle(SaveIdentity request, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var identity = new Identity
        {
            System = IdentityText.Normalise(request.System)!, ExternalId = IdentityText.Normalise(request.ExternalId)!,
            EmployeeKey = request.Values.EmployeeKey.Trim(),
        };
        if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM employees WHERE employee_key = @EmployeeKey", identity, session.Transaction) == 0)
            throw RequestValidationException.For("employeeKey", $"Unknown employee '{identity.EmployeeKey}'.");
        await connection.ExecuteAsync(session.Dialect.InsertRow("identities", OnConflict.Update, ["system", "external_id"],
            ("system", "@System"), ("external_id", "@ExternalId"), ("employee_key", "@EmployeeKey")), identity, session.Transaction);
        await audit.RecordAsync(connection, session.Transaction, "save", "identity", $"{identity.System}/{identity.ExternalId}", request.Values);
        return identity;
    }
}

/// <summary>Forgets an identifier: the tools' rows that carry it match nobody again.</summary>
public sealed record DeleteIdentity(string System, string ExternalId) : ICommand<Unit>;

public sealed class DeleteIdentityHandler(DbSession session, AuditTrail audit) : IRequestHandler<DeleteIdentity, Unit>
{
    public async Task<Unit> Handle(DeleteIdentity request, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var key = new { system = IdentityText.Normalise(request.System) ?? "", externalId = IdentityText.Normalise(request.ExternalId) ?? "" };
        var employeeKey = await connection.ExecuteScalarAsync<string?>(
            "SELECT employee_key FROM identities WHERE system = @system AND external_id = @externalId", key, session.Transaction)
            ?? throw new NotFoundException("Identity", $"{key.system}/{key.externalId}");
        await connection.ExecuteAsync("DELETE FROM identities WHERE system = @system AND external_id = @externalId", key, session.Transaction);
        await audit.RecordAsync(connection, session.Transaction, "delete", "identity", $"{key.system}/{key.externalId}", new { employeeKey });
        return Unit.Value;
    }
}
