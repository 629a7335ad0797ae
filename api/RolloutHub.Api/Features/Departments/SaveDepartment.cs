using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Audit;
using RolloutHub.Api.Features.Imports;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Departments;

public sealed record SaveDepartment(string Code, string Name) : ICommand<Department>
{
    public sealed record Body(string Name);
}

public sealed class SaveDepartmentValidator : AbstractValidator<SaveDepartment>
{
    public SaveDepartmentValidator()
    {
        RuleFor(c => c.Code).NotEmpty().MaximumLength(50);
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
    }
}

public sealed class SaveDepartmentHandler(DbSession session, AuditTrail audit, ListDepartmentsHandler departments) : IRequestHandler<SaveDepartment, Department>
{
    public async Task<Department> Handle(SaveDepartment request, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(
            session.Dialect.InsertRow("departments", OnConflict.Update, ["code"], ("code", "@code"), ("name", "@name")),
            new { code = request.Code, name = request.Name }, session.Transaction);
        await DataChanges.TouchAsync(connection, session.Transaction, fullRecompute: true);
        await audit.RecordAsync(connection, session.Transaction, "save", "department", request.Code, new { request.Name });
        return await departments.Handle(new GetDepartment(request.Code), cancellationToken);
    }
}
