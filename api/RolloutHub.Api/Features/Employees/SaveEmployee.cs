using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Audit;
using RolloutHub.Api.Features.Departments;
using RolloutHub.Api.Features.Identities;
using RolloutHub.Api.Features.Imports;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Employees;

/// <summary>Creates or updates one employee of the roster (the CSV import does the same in bulk).</summary>
public sealed record SaveEmployee(string EmployeeKey, SaveEmployee.Body Values) : ICommand<Employee>
{
    public sealed record Body(string DepartmentCode, DateOnly? JoinedOn, DateOnly? LeftOn, string? TrainingTier, bool? HasSeat, string? Email = null);
}

public sealed class SaveEmployeeValidator : AbstractValidator<SaveEmployee>
{
    public SaveEmployeeValidator()
    {
        RuleFor(c => c.EmployeeKey).NotEmpty().MaximumLength(100);
        RuleFor(c => c.Values.DepartmentCode).NotEmpty().OverridePropertyName("departmentCode");
        RuleFor(c => c.Values.TrainingTier).Must(t => t is null or "power" or "casual").OverridePropertyName("trainingTier")
            .WithMessage("trainingTier must be power, casual or empty.");
        RuleFor(c => c.Values.LeftOn).GreaterThanOrEqualTo(c => c.Values.JoinedOn).When(c => c.Values.JoinedOn is not null && c.Values.LeftOn is not null)
            .OverridePropertyName("leftOn").WithMessage("leftOn is before joinedOn.");
        RuleFor(c => c.Values.Email).MaximumLength(320).Must(e => IdentityText.Normalise(e) is not { } email || IdentityText.LooksLikeEmail(email))
            .OverridePropertyName("email").WithMessage("email is not an e-mail address.");
    }
}

public sealed class SaveEmployeeHandler(DbSession session, AuditTrail audit) : IRequestHandler<SaveEmployee, Employee>
{
    public async Task<Employee> Handle(SaveEmployee request, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var v = request.Values;
        await KnownDepartments.EnsureExistsAsync(session, v.DepartmentCode, cancellationToken);
        var email = IdentityText.Normalise(v.Email);
        if (email is not null && await connection.ExecuteScalarAsync<string?>(
                "SELECT employee_key FROM employees WHERE email = @email AND employee_key <> @key",
                new { email, key = request.EmployeeKey }, session.Transaction) is { } holder)
            throw RequestValidationException.For("email", $"'{email}' is already the e-mail of employee '{holder}'.");
        var employee = new Employee
        {
            EmployeeKey = request.EmployeeKey, DepartmentCode = v.DepartmentCode, JoinedOn = v.JoinedOn, LeftOn = v.LeftOn,
            TrainingTier = v.TrainingTier, HasSeat = v.HasSeat, Email = email,
        };
        await connection.ExecuteAsync(session.Dialect.InsertRow("employees", OnConflict.Update, ["employee_key"],
            ("employee_key", "@EmployeeKey"), ("department_code", "@DepartmentCode"), ("joined_on", "@JoinedOn"),
            ("left_on", "@LeftOn"), ("training_tier", "@TrainingTier"), ("has_seat", "@HasSeat"), ("email", "@Email")), employee, session.Transaction);
        await DataChanges.TouchAsync(connection, session.Transaction, fullRecompute: true);
        await audit.RecordAsync(connection, session.Transaction, "save", "employee", request.EmployeeKey, v);
        return employee;
    }
}
