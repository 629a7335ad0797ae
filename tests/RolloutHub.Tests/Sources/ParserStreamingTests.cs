using System.Text;
using RolloutHub.Api.Features.Sources.Parsers;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Tests.Sources;

/// <summary>
/// Rows come one at a time: a parser reading a file that never ends still hands over its first
/// records (it would run out of memory if it read the file whole first).
/// </summary>
public sealed class ParserStreamingTests
{
    /// <summary>A head, then the same row forever.</summary>
    private sealed class EndlessStream(string head, string row) : Stream
    {
        private readonly byte[] _head = Encoding.UTF8.GetBytes(head);
        private readonly byte[] _row = Encoding.UTF8.GetBytes(row);
        private long _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++, _position++)
                buffer[offset + i] = _position < _head.Length ? _head[_position] : _row[(_position - _head.Length) % _row.Length];
            return count;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private const string GitHubRecord = """{"user_login":"octocat","day":"2026-04-25","user_initiated_interaction_count":1}""";

    [Theory]
    [InlineData("m365-copilot-audit", "CreationDate,UserId,Operation,AuditData\n", "2026-01-24,ada@contoso.com,CopilotInteraction,\"{\"\"Id\"\":\"\"x\"\"}\"\n")]
    [InlineData("m365-copilot-usage", "Report Refresh Date,User Principal Name,Report Period\n", "2026-07-03,ada@contoso.com,7\n")]
    [InlineData("chatgpt-enterprise", "email,period_start,messages\n", "ada@contoso.com,2026-03-01,3\n")]
    [InlineData("viva-copilot", "PersonId,MetricDate,Copilot actions taken in Word\n", "P-1,2026-03-01,1\n")]
    [InlineData("github-copilot", "", GitHubRecord + "\n")]
    [InlineData("github-copilot", "[", GitHubRecord + ",\n")]
    [InlineData("github-copilot", "{\"report_day\": \"2026-04-25\",\n \"day_totals\": [", GitHubRecord + ",\n")]
    public void A_file_is_read_one_row_at_a_time(string source, string head, string row)
    {
        var parser = SourceParsers.Find(source)!;
        var records = parser.Read(new EndlessStream(head, row), null, new List<CsvLineError>()).Take(1000).ToList();
        Assert.Equal(1000, records.Count);
    }
}
