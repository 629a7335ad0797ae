namespace RolloutHub.Api.Features.Sources.Parsers;

/// <summary>
/// The use cases one file names, slugged once per distinct name (files repeat a handful of
/// app or feature names millions of times; looking one up by span allocates nothing).
/// </summary>
internal sealed class UseCaseCache(string prefix)
{
    private readonly Dictionary<string, SourceUseCase> _byName = new(StringComparer.Ordinal);

    public SourceUseCase For(ReadOnlySpan<char> name)
    {
        var lookup = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(name, out var useCase)) return useCase;
        var text = name.ToString();
        useCase = SourceUseCase.For(prefix, text);
        _byName[text] = useCase;
        return useCase;
    }
}
