package io.ginpreflight.report;

/** The inline stylesheet both pages share; inline so a page opened from a zip or a mail still reads well. */
final class PageStyle {

  static final String CSS = """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1100px;
        padding:16px 24px;color:#1d2430;background:#fff}
      h1{font-size:22px;margin:8px 0}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d8dde6}
      h3{font-size:14px;margin:16px 0 4px}
      .meta{color:#566173}.meta span{margin-right:18px}
      .badge{display:inline-block;padding:2px 10px;border-radius:4px;font-weight:600;color:#fff}
      .badge.ok{background:#2e7d32}.badge.ko{background:#c62828}.badge.inconclusive{background:#8d6e00}.badge.undecided{background:#6a1b9a}
      .banner{background:#fdecea;border:1px solid #c62828;color:#8e1b1b;padding:8px 14px;border-radius:4px;
        margin:12px 0}.banner ul{margin:4px 0;padding-left:20px}
      table{border-collapse:collapse;width:100%;margin:6px 0 10px}
      th,td{border:1px solid #d8dde6;padding:4px 8px;text-align:left;vertical-align:top}
      th{background:#f2f4f8}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      td.ok{color:#2e7d32;font-weight:600}td.ko{color:#c62828;font-weight:600}
      td.inconclusive{color:#8d6e00;font-weight:600}td.undecided{color:#6a1b9a;font-weight:600}
      .msg{font-weight:normal;color:#1d2430;font-size:12px;margin-top:2px}
      code,pre{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f2f4f8}
      pre{padding:6px 10px;overflow-x:auto;margin:4px 0}
      figure{margin:10px 0 18px}figcaption{font-weight:600;margin-bottom:2px}
      svg.chart{width:100%;height:auto;border:1px solid #d8dde6;background:#fff}
      svg .grid{stroke:#e6e9ef}svg .tick{font-size:11px;fill:#566173}svg .legend{font-size:12px;fill:#1d2430}
      svg .band-judged{fill:#fff1dc}svg .band-warmup{fill:#eef0f4}
      svg .band-label{font-size:11px;fill:#8a5a14}
      svg .probe-line{stroke:#6a1b9a;stroke-width:1;stroke-dasharray:4 3}
      svg .probe-label{font-size:11px;fill:#6a1b9a}
      .note{color:#566173;font-size:12px}
      """;

  private PageStyle() {}
}
