using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using RolloutHub.Api.Data;

namespace RolloutHub.Api.Features.Alerts;

/// <summary>
/// Brings the alerts table in line with what the rules found, in one transaction: a condition
/// without an unresolved alert raises one; one with an alert refreshes it (severity, owner,
/// detail) without raising another; an unresolved alert of an evaluated rule whose condition is
/// gone resolves. Raised and resolved alerts queue a webhook notification when one is configured.
/// </summary>
public sealed class AlertConditionsWriter(DbSession session, TimeProvider time, IOptionsMonitor<AlertOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public const string Columns = """
        id, "rule", severity, owner, subject_key, title, detail, facts, status, raised_at, last_evaluated_at,
        acknowledged_at, acknowledged_by, resolved_at
        """;

    public async Task<AlertEvaluation> ApplyAsync(DateOnly asOf, IReadOnlyList<RuleOutcome> outcomes, CancellationToken cancellationToken)
    {
        if (session.Transaction is not null) return await WriteAsync(asOf, outcomes, cancellationToken);
        await session.BeginAsync(cancellationToken);
        try
        {
            var evaluation = await WriteAsync(asOf, outcomes, cancellationToken);
            await session.CommitAsync(cancellationToken);
            return evaluation;
        }
        catch
        {
            await session.RollbackAsync();
            throw;
        }
    }

    private async Task<AlertEvaluation> WriteAsync(DateOnly asOf, IReadOnlyList<RuleOutcome> outcomes, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var now = time.GetUtcNow();
        var notify = !string.IsNullOrWhiteSpace(options.CurrentValue.WebhookUrl);
        var unresolved = (await connection.QueryAsync<Alert>($"SELECT {Columns} FROM alerts WHERE status <> 'resolved'", transaction: tx))
            .ToDictionary(a => (a.Rule, a.SubjectKey));
        int raised = 0, stillOpen = 0, resolved = 0, queued = 0;

        async Task QueueAsync(string @event, Alert alert)
        {
            if (!notify) return;
            var payload = JsonSerializer.Serialize(new { @event = $"alert.{@event}", asOf, alert }, Json);
            await connection.ExecuteAsync("""
                INSERT INTO alert_notifications (alert_id, event, payload, created_at, next_attempt_at)
                VALUES (@alertId, @event, @payload, @now, @now)
                """, new { alertId = alert.Id, @event, payload, now }, tx);
            queued++;
        }

        foreach (var outcome in outcomes.Where(o => o.Evaluated))
        {
            var found = outcome.Conditions.GroupBy(c => c.SubjectKey).Select(g => g.First()).ToList();
            foreach (var condition in found)
            {
                if (unresolved.TryGetValue((condition.Rule, condition.SubjectKey), out var existing))
                {
                    await connection.ExecuteAsync("""
                        UPDATE alerts SET severity = @Severity, owner = @Owner, title = @Title, detail = @Detail, facts = @facts, last_evaluated_at = @now
                        WHERE id = @id
                        """, new { Severity = condition.Severity.Wire(), condition.Owner, condition.Title, condition.Detail, facts = condition.Facts, now, id = existing.Id }, tx);
                    stillOpen++;
                    continue;
                }
                var id = await connection.ExecuteScalarAsync<long>($"""
                    INSERT INTO alerts ("rule", subject_key, severity, owner, title, detail, facts, status, raised_at, last_evaluated_at)
                    VALUES (@Rule, @SubjectKey, @Severity, @Owner, @Title, @Detail, @facts, 'open', @now, @now)
                    {session.Dialect.ReturningId("id")}
                    """, new { condition.Rule, condition.SubjectKey, Severity = condition.Severity.Wire(), condition.Owner, condition.Title, condition.Detail, facts = condition.Facts, now }, tx);
                raised++;
                await QueueAsync("raised", new Alert
                {
                    Id = id, Rule = condition.Rule, SubjectKey = condition.SubjectKey, Severity = condition.Severity, Owner = condition.Owner,
                    Title = condition.Title, Detail = condition.Detail, Facts = condition.Facts, Status = "open", RaisedAt = now, LastEvaluatedAt = now,
                });
            }
            var subjects = found.Select(c => c.SubjectKey).ToHashSet();
            foreach (var gone in unresolved.Values.Where(a => a.Rule == outcome.Rule && !subjects.Contains(a.SubjectKey)))
            {
                await connection.ExecuteAsync(
                    "UPDATE alerts SET status = 'resolved', resolved_at = @now, last_evaluated_at = @now WHERE id = @id",
                    new { now, id = gone.Id }, tx);
                resolved++;
                await QueueAsync("resolved", gone with { Status = "resolved", ResolvedAt = now, LastEvaluatedAt = now });
            }
        }
        return new AlertEvaluation
        {
            AsOf = asOf, EvaluatedAt = now, Raised = raised, StillOpen = stillOpen, Resolved = resolved, NotificationsQueued = queued,
            Rules = outcomes.Select(o => new RuleSummary { Rule = o.Rule, Evaluated = o.Evaluated, Conditions = o.Conditions.Count }).ToList(),
        };
    }
}
