@testable import Reports
import Testing

@Suite struct MarkupTests {
    @Test func textEscapesMarkupAndDropsControls() {
        #expect(Markup.text("a < b && c > d") == "a &lt; b &amp;&amp; c &gt; d")
        #expect(Markup.text("bell\u{07}nul\u{00}esc\u{1B}del\u{7F}c1\u{85}") == "bellnulescdelc1")
        #expect(Markup.text("tab\tline\nCRLF\r\nCR\rend") == "tab\tline\nCRLF\nCR\nend")
        #expect(Markup.text("\"quotes\" stay in text") == "\"quotes\" stay in text")
        #expect(Markup.text("高炉 \u{FFFE}ok\u{FFFF} 😀") == "高炉 ok 😀")
    }

    @Test func attributeAlsoEscapesQuotesAndWhitespace() {
        #expect(Markup.attribute("say \"hi\" & 'bye'") == "say &quot;hi&quot; &amp; &#39;bye&#39;")
        #expect(Markup.attribute("a\tb\nc\r\nd") == "a&#9;b&#10;c&#10;d")
    }

    @Test func formatsTimesAndNumbers() {
        #expect(ReportFormat.time(90_000) == "t+1m30s")
        #expect(ReportFormat.time(0) == "t+0s")
        #expect(ReportFormat.time(-1500) == "t-1s500ms")
        #expect(ReportFormat.seconds(2500) == "2.500")
        #expect(ReportFormat.seconds(7) == "0.007")
        #expect(ReportFormat.seconds(-1200) == "-1.200")
        #expect(ReportFormat.fixed(12.25, decimals: 1) == "12.3")
        #expect(ReportFormat.fixed(-0.04, decimals: 1) == "0")
        #expect(ReportFormat.fixed(-3.5, decimals: 2) == "-3.5")
        #expect(ReportFormat.fixed(.nan, decimals: 2) == "0")
        #expect(ReportFormat.value(1250.4) == "1250")
        #expect(ReportFormat.value(186.54) == "186.5")
        #expect(ReportFormat.value(86.544) == "86.54")
        #expect(ReportFormat.value(0.1254) == "0.125")
    }
}
