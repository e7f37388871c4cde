import Conformance

/// The report's labels in Chinese and English side by side (`通过 Pass`, `预警等级 Risk grade`): a
/// regulator's printout reads in Chinese, a vendor's engineer in English, and one file serves both.
enum Bilingual {
    /// `通过 Pass`.
    static func both(_ zh: String, _ en: String) -> String { "\(zh) \(en)" }

    static func outcome(_ outcome: Outcome) -> String {
        switch outcome {
        case .pass: both("通过", "PASS")
        case .fail: both("不通过", "FAIL")
        case .error: both("错误", "ERROR")
        }
    }

    /// `红 red` for the four grades of the risk rules (Chinese or English names), else as given.
    static func grade(_ grade: String) -> String {
        switch grade.lowercased() {
        case "blue", "蓝": both("蓝", "blue")
        case "yellow", "黄": both("黄", "yellow")
        case "orange", "橙": both("橙", "orange")
        case "red", "红": both("红", "red")
        default: grade
        }
    }

    static let report = both("安全生产风险监测预警系统符合性测试报告", "Tundish conformance report")
    static let outcomeLabel = both("结论", "Outcome")
    static let scenarios = both("场景", "Scenarios")
    static let scenario = both("场景", "Scenario")
    static let expectations = both("预期", "Expectations")
    static let version = both("软件版本", "Tundish version")
    static let schema = both("结果格式版本", "Results schema")
    static let mode = both("运行方式", "Mode")
    static let target = both("被测平台", "Target")
    static let seed = both("随机种子", "Seed")
    static let shard = both("分片", "Shard")
    static let startedAt = both("开始时间", "Started at")
    static let runId = both("运行编号", "Run id")
    static let replay = both("复现命令", "Replay")
    static let rules = both("风险规则文件", "Risk rules")
    static let rulesDigest = both("规则摘要 (SHA-256)", "Rules digest")
    static let disabledRules = both("停用规则", "Disabled rules")
    static let summary = both("汇总", "Summary")
    static let titleZh = "标题"
    static let titleEn = "Title"
    static let result = both("结果", "Result")
    static let pass = both("通过", "Pass")
    static let fail = both("不通过", "Fail")
    static let error = both("错误", "Error")
    static let worstLatency = both("最长延迟", "Worst latency")
    static let file = both("文件", "File")
    static let clauses = both("条款", "Clauses")
    static let enterprises = both("企业", "Enterprises")
    static let enterprise = both("企业", "Enterprise")
    static let district = both("所属区县", "District")
    static let inputDigest = both("输入摘要", "Input digest")
    static let duration = both("时长", "Duration")
    static let wallTime = both("实际用时", "Wall time")
    static let timeline = both("时间线", "Timeline")
    static let alarms = both("报警记录", "Alarms")
    static let quality = both("报警质量", "Alarm quality")
    static let evidence = both("证据", "Evidence")
    static let scenarioError = both("场景错误", "Scenario error")
}
