/// The JUnit XML of `ReportFixtures.run` (refresh: run the tests with `TUNDISH_WRITE_GOLDEN=/tmp/junit.xml`
/// and paste the file between the delimiters, keeping the empty last line).
enum JUnitGolden {
    static let sample = #"""
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="tundish" tests="5" failures="1" errors="3" time="1.250">
  <testsuite name="BF-01" tests="3" failures="1" errors="1" skipped="0" time="1.250">
    <properties>
      <property name="plantTimeS" value="600.000"/>
      <property name="seed" value="42"/>
      <property name="digest" value="9f2c1e"/>
      <property name="file" value="scenarios/bf-01.yaml"/>
      <property name="titleZh" value="高炉 &lt;热风炉&gt; 冷却水 &amp; 炉顶压力"/>
      <property name="titleEn" value="Blast furnace &lt;stove&gt; &amp; &quot;top&quot; pressure"/>
      <property name="enterprises" value="E1"/>
      <property name="clauses" value="GB 50427 §7.1, AQ 2002 §4"/>
      <property name="tundishVersion" value="0.9.0"/>
      <property name="mode" value="lockstep"/>
      <property name="target" value="reference"/>
      <property name="enterpriseNames" value="E1 柳州示例钢铁有限公司 (柳北区)"/>
      <property name="rules" value="Scenarios/rules/default.yaml"/>
      <property name="rulesDigest" value="c0ffee12"/>
      <property name="startedAt" value="2025-01-02T03:04:05Z"/>
      <property name="replay" value="tundish run scenarios --target reference --mode lockstep"/>
    </properties>
    <testcase classname="BF-01" name="hh-raised" time="0.000" latencyS="2.500" file="scenarios/bf-01.yaml" line="20"/>
    <testcase classname="BF-01" name="grade-red" time="0.000" file="scenarios/bf-01.yaml" line="27">
      <failure message="grade stayed orange &lt;max&gt;" type="gradeReached">
expected: grade at E1 reaches red in [t+2m, t+5m]
observed: grade stayed orange &lt;max&gt;
window:   [t+2m, t+5m]
first:    t+2m30s
last:     t+4m40s
seen:     3×
plant:    E1
clauses:  AQ 2002 §4
note:     grading lags by design?
at scenarios/bf-01.yaml:27:7
      </failure>
    </testcase>
    <testcase classname="BF-01" name="data" time="0.000" file="scenarios/bf-01.yaml" line="33">
      <error message="target error at t+8m: connection refused" type="dataComplete">
expected: ≥ 99 % of readings of every point received in [t+0s, t+10m]
observed: target error at t+8m: connection refused
window:   [t+0s, t+10m]
at scenarios/bf-01.yaml:33:7
      </error>
    </testcase>
  </testsuite>
  <testsuite name="BOF-02" tests="2" failures="0" errors="2" skipped="0" time="0.000">
    <properties>
      <property name="plantTimeS" value="90.000"/>
      <property name="seed" value="7"/>
      <property name="digest" value="77aa01"/>
      <property name="file" value="scenarios/bof-02.yaml"/>
      <property name="titleZh" value="转炉"/>
      <property name="titleEn" value="Converter"/>
      <property name="enterprises" value="E2"/>
      <property name="clauses" value=""/>
      <property name="tundishVersion" value="0.9.0"/>
      <property name="mode" value="lockstep"/>
      <property name="target" value="reference"/>
      <property name="rules" value="Scenarios/rules/default.yaml"/>
      <property name="rulesDigest" value="c0ffee12"/>
      <property name="startedAt" value="2025-01-02T03:04:05Z"/>
      <property name="replay" value="tundish run scenarios --target reference --mode lockstep"/>
    </properties>
    <testcase classname="BOF-02" name="scenario" time="0.000">
      <error message="could not bind 0.0.0.0:1502 &lt;EADDRINUSE&gt;" type="scenario">could not bind 0.0.0.0:1502 &lt;EADDRINUSE&gt;
in scenarios/bof-02.yaml</error>
    </testcase>
    <testcase classname="BOF-02" name="o2" time="0.000" file="scenarios/bof-02.yaml" line="12">
      <error message="harness error at t+0s: modbus port busy" type="interlockTripped">
expected: interlock o2 at E2 seen to act in [t+0s, t+1m30s]
observed: harness error at t+0s: modbus port busy
window:   [t+0s, t+1m30s]
at scenarios/bof-02.yaml:12:5
      </error>
    </testcase>
  </testsuite>
</testsuites>

"""#
}
