namespace RolloutHub.Api.Infrastructure;

/// <summary>The OpenAPI document at /openapi/v1.json, shown by Swagger UI at /swagger.</summary>
public static class ApiDocumentation
{
    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "RolloutHub API";
                document.Info.Version = "v1";
                document.Info.Description = """
                    RolloutHub tracks an organisation's AI rollout in waves and measures whether it takes hold.
                    Authenticate with `Authorization: Bearer <token>` (tokens are issued by an admin at POST /api/v1/tokens).
                    Errors are RFC 9457 problem details. Lists page with `limit` and `cursor` (`nextCursor` in the answer)
                    and answer CSV when sent `Accept: text/csv`.
                    """;
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer<BearerSecurityTransformer>();
            OpenApiConventions.Add(options);
            // Request records nested in their command (SaveEmployee.Body, RecordGateReview.Body…) would
            // all be named "Body" and merged into one schema: each is named after its command too.
            options.CreateSchemaReferenceId = info =>
                Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(info) is { } id
                    && info.Type.DeclaringType is { IsAbstract: false } outer // not a static class of endpoints
                    ? outer.Name + id
                    : Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(info);
        });
        return services;
    }

    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // Swagger UI is a middleware, and the fallback policy (a token for everything) refuses
        // any request no endpoint claims: an anonymous endpoint runs it instead, so a browser
        // without a token opens it, then uses its Authorize button (the bearer scheme below).
        var ui = ((IApplicationBuilder)app).New();
        ui.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "RolloutHub API v1");
            o.RoutePrefix = "swagger";
            o.DocumentTitle = "RolloutHub API";
        });
        app.Map("/swagger/{**asset}", ui.Build()).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}

internal sealed class BearerSecurityTransformer : Microsoft.AspNetCore.OpenApi.IOpenApiDocumentTransformer
{
    public Task TransformAsync(Microsoft.OpenApi.OpenApiDocument document, Microsoft.AspNetCore.OpenApi.OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new Microsoft.OpenApi.OpenApiSecurityScheme
        {
            Type = Microsoft.OpenApi.SecuritySchemeType.Http, Scheme = "bearer",
            Description = "A RolloutHub token, or a JWT from the organisation's identity provider.",
        };
        document.Security ??= [];
        document.Security.Add(new Microsoft.OpenApi.OpenApiSecurityRequirement
        {
            [new Microsoft.OpenApi.OpenApiSecuritySchemeReference("bearer", document)] = [],
        });
        return Task.CompletedTask;
    }
}
