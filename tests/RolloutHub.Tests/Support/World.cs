namespace RolloutHub.Tests.Support;

/// <summary>A small organisation, loaded through the import API, shared by feature tests.</summary>
public static class World
{
    public const int DepartmentCount = 3;

    public const string Departments = """
        code,name
        SALES,Sales
        HR,Human resources
        OPS,Operations
        """;

    public const string Employees = """
        employee_key,department_code,joined_on,left_on,training_tier,has_seat
        S1,SALES,2025-01-01,,power,true
        S2,SALES,2025-01-01,,casual,false
        H1,HR,2025-01-01,,,
        O1,OPS,,,casual,1
        """;

    public const string UseCases = """
        code,title,category,status,minutes_saved_per_use,owner,applicable_departments,training_url,review_every_days,last_reviewed_on
        MAIL,Draft e-mails,writing,production,6,Claire,,https://intranet/mail,90,2026-01-10
        QUOTE,Prepare quotes,sales,pilot,20.5,Marc,SALES|OPS,,,
        """;

    public static async Task LoadAsync(TestApp app)
    {
        await app.ImportOkAsync("departments", Departments);
        await app.ImportOkAsync("employees", Employees);
        await app.ImportOkAsync("use-cases", UseCases);
    }
}
