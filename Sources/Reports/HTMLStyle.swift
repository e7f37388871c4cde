/// The HTML report's style sheet, inline: system fonts only (with CJK fallbacks), light colours,
/// and print rules (A4 landscape, a page per scenario, colours kept, no dark backgrounds).
enum HTMLStyle {
    static let css = """
        :root { --pass: #1a7f37; --fail: #cf222e; --error: #6e7781; --ink: #1f2328; --muted: #57606a; --rule: #d0d7de; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 1200px; padding: 16px 24px; color: var(--ink); background: #fff;
          font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC",
          "PingFang SC", "Microsoft YaHei", sans-serif; }
        h1 { font-size: 24px; margin: 8px 0; } h2 { font-size: 20px; margin: 24px 0 8px; } h3 { font-size: 16px; margin: 16px 0 6px; }
        code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
        pre.replay { background: #f6f8fa; border: 1px solid var(--rule); padding: 8px; white-space: pre-wrap; word-break: break-all; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
        dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; word-break: break-all; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 13px; }
        th, td { border: 1px solid var(--rule); padding: 3px 6px; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.fail td.outcome { color: var(--fail); } tr.error td.outcome { color: var(--error); }
        .badge { display: inline-block; min-width: 4.2em; padding: 1px 8px; border-radius: 10px; color: #fff;
          font-weight: 600; font-size: 12px; text-align: center; }
        .badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); } .badge.error { background: var(--error); }
        header.run { border-bottom: 3px solid var(--rule); padding-bottom: 8px; }
        header.run.pass { border-color: var(--pass); } header.run.fail { border-color: var(--fail); }
        header.run.error { border-color: var(--error); }
        .scenario-error { border-left: 4px solid var(--error); background: #f6f8fa; padding: 6px 10px; }
        .note, .muted { color: var(--muted); }
        figure.timeline { margin: 8px 0; } figcaption { font-size: 12px; color: var(--muted); }
        svg.timeline { width: 100%; max-width: 960px; height: auto; font-size: 10px; font-family: inherit; }
        svg .grid line { stroke: #eaeef2; stroke-width: 1; }
        svg .axis line { stroke: var(--muted); } svg .axis text, svg .tick { fill: var(--muted); }
        svg .frame { fill: none; stroke: var(--rule); }
        svg .track { fill: #f6f8fa; stroke: var(--rule); stroke-width: 0.5; }
        svg .lane-label, svg .panel-title { fill: var(--ink); } svg .panel-title { font-weight: 600; font-size: 11px; }
        svg .lane-line { stroke: var(--rule); }
        svg .band { fill: #54aeff; fill-opacity: 0.35; stroke: none; }
        svg .line { fill: none; stroke: #0550ae; stroke-width: 1.2; }
        svg .limit { stroke-width: 1; } svg .limit-hh, svg .limit-ll { stroke: #cf222e; } svg .limit-h, svg .limit-l { stroke: #bc4c00; }
        svg .limit-label { fill: var(--ink); }
        svg .step { stroke: #6e7781; stroke-width: 1; stroke-dasharray: 1 3; } svg .step-label { fill: #424a53; }
        svg .w-pass { fill: var(--pass); stroke: var(--pass); } svg .w-fail { fill: var(--fail); stroke: var(--fail); }
        svg .w-error { fill: var(--error); stroke: var(--error); }
        svg .window { fill-opacity: 0.3; stroke-width: 1; } svg .span { fill-opacity: 0.1; stroke: none; }
        svg .window-label { fill: var(--ink); }
        svg .grade { stroke: none; } svg .grade-label { fill: #1f2328; }
        svg .g-blue { fill: #4a90e2; } svg .g-yellow { fill: #f5d13b; } svg .g-orange { fill: #f08c2e; }
        svg .g-red { fill: #d93636; } svg .g-other { fill: #afb8c1; }
        svg .alarm-raised { fill: #cf222e; stroke: #82071e; stroke-width: 1; }
        svg .alarm-cleared { fill: #fff; stroke: #cf222e; stroke-width: 1.5; }
        svg .alarm-label { fill: #82071e; font-weight: 600; }
        .swatch { display: inline-block; width: 14px; height: 10px; margin: 0 3px 0 10px; vertical-align: baseline;
          border: 1px solid rgba(0,0,0,.2); }
        .swatch.pass { background: #a3d9b1; } .swatch.fail { background: #f0a8ad; } .swatch.error { background: #c9ced4; }
        .swatch.blue { background: #4a90e2; } .swatch.yellow { background: #f5d13b; } .swatch.orange { background: #f08c2e; }
        .swatch.red { background: #d93636; }
        footer { margin-top: 24px; border-top: 1px solid var(--rule); padding-top: 8px; color: var(--muted); font-size: 12px; }
        @page { size: A4 landscape; margin: 12mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 11px; background: #fff; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          section.scenario, section.evidence { break-before: page; }
          table { font-size: 10px; } thead { display: table-header-group; }
          tr, figure, dl.facts, .scenario-error { break-inside: avoid; }
          h2, h3 { break-after: avoid; }
          a { color: inherit; text-decoration: none; }
          svg.timeline { max-width: 100%; }
        }
        """
}
