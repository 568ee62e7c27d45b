using TumorRegistry.Casefinding.Hl7v2;

namespace TumorRegistry.Casefinding.Tests;

public sealed class Hl7MessageTests
{
    [Fact]
    public void Fields_components_repetitions_and_escapes_follow_the_delimiters_of_MSH_1_and_MSH_2()
    {
        // Non-default delimiters: # for components, * for repetitions, % for escape, @ for subcomponents.
        var message = Hl7Message.Parse("MSH|#*%@|LAB\rPID|1||A1####MR*B2####SS||Doe#Jane%S%Ann||19800101\rOBX|1|TX|x||a%F%b%.br%c%X41%");
        var pid = message.First("PID")!;
        Assert.Equal("#*%@", message.Segments[0].Value(2));
        Assert.Equal("LAB", message.Segments[0].Value(3));
        Assert.Equal(2, pid.Repetitions(3).Count);
        Assert.Equal("SS", pid.Repetitions(3)[1].Component(5));
        Assert.Equal("Jane#Ann", pid.Value(5, 2));
        Assert.Equal("a|b\ncA", message.First("OBX")!.Value(5));
    }

    [Theory]
    [InlineData("PID|1||X", "MSH")]
    [InlineData("MSH|^~|LAB", "MSH[1]-2")]
    [InlineData("MSH|^~\\&|LAB\rpid|1", "segment 2")]
    [InlineData("MSH|^~\\&|LAB\rOBX|1|TX|x||bad \\Q\\ escape", "OBX[1]-5.1")]
    [InlineData("MSH|^~\\&|LAB\rOBX|1|TX|x||open \\F escape", "OBX[1]-5.1")]
    public void Malformed_structure_is_refused_naming_the_segment_and_field(string text, string where)
    {
        var e = Assert.Throws<ReportRefusedException>(() =>
        {
            var m = Hl7Message.Parse(text);
            foreach (var s in m.Segments) _ = s.Value(5);
        });
        Assert.Equal(where, e.Problems[0].Where);
    }
}
