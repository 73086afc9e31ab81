import { chartWidth, plotLeft } from './chart-layout.js';

/** The page's whole stylesheet, inlined in its `<style>`; the legends line up with the plot area's left edge. */
export const historyStyles = `
*{box-sizing:border-box}
body{margin:0;background:#f6f8fa;color:#1f2328;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans","DejaVu Sans",Arial,sans-serif}
main{max-width:1120px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:20px;margin:0;word-break:break-word}
h3{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#57606a;margin:18px 0 6px}
.page-header{margin-bottom:16px}
.period{color:#57606a;margin:0 0 8px}
.compliance{display:inline-block;font-size:16px;font-weight:600;margin:0;padding:6px 12px;border-radius:6px;background:#eaeef2}
.compliance-full{background:#dafbe1;color:#116329}
.compliance-partial{background:#fff1e5;color:#953800}
table{border-collapse:collapse;width:100%;background:#fff}
.summary{border:1px solid #d0d7de;border-radius:6px;margin-bottom:24px}
.summary th,.summary td{padding:8px 12px;border-bottom:1px solid #d0d7de;text-align:left;white-space:nowrap}
.summary th[scope=row]{font-weight:600;white-space:normal;word-break:break-word}
.summary thead th{background:#f6f8fa;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#57606a}
td.number{text-align:right;font-variant-numeric:tabular-nums}
a{color:#0550ae;text-decoration:none}
a:hover{text-decoration:underline}
.spark{width:120px;height:24px;vertical-align:middle}
.spark path{fill:none;stroke:#2563eb;stroke-width:1.5}
.spark circle{fill:#2563eb}
.status{display:inline-block;padding:2px 10px;border-radius:999px;font-size:12px;font-weight:600;background:#eaeef2;color:#57606a}
.status-ok{background:#dafbe1;color:#116329}
.status-at_risk{background:#fff8c5;color:#7d4e00}
.status-warning{background:#ffedd5;color:#9a3412}
.status-critical{background:#ffebe9;color:#a40e26}
.slo{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px 20px;margin-bottom:24px;break-inside:avoid}
.slo-header{display:flex;align-items:center;gap:12px}
.description{margin:6px 0 0;color:#424a53;word-break:break-word}
.facts{display:flex;flex-wrap:wrap;gap:6px 24px;margin:12px 0 0}
.facts div{min-width:90px}
.facts dt{font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:#57606a}
.facts dd{margin:0;font-weight:600;font-variant-numeric:tabular-nums;word-break:break-word}
.chart-figure{margin:0}
.chart{display:block;width:100%;height:auto;font-size:12px;font-family:inherit}
.plot{fill:#fff;stroke:#d0d7de}
.grid{stroke:#eaeef2;stroke-width:1}
.axis{stroke:#8c959f;stroke-width:1}
.tick{fill:#57606a;font-variant-numeric:tabular-nums}
.tick-y{text-anchor:end}
.tick-x{text-anchor:middle}
.band-at_risk{fill:#fde68a;fill-opacity:.35}
.band-warning{fill:#fdba74;fill-opacity:.4}
.band-critical{fill:#fca5a5;fill-opacity:.45}
.line-target{stroke:#1f2328;stroke-width:1.5}
.line-warning{stroke:#d97706;stroke-width:1.25;stroke-dasharray:6 4}
.line-critical{stroke:#dc2626;stroke-width:1.25;stroke-dasharray:6 4}
.line-zero{stroke:#1f2328;stroke-width:1.5}
.series{fill:none;stroke-width:1.75;stroke-linejoin:round;stroke-linecap:round}
.series-sli{stroke:#2563eb}
.series-budget{stroke:#0f766e}
.series.dot{stroke:none}
.series-sli.dot{fill:#2563eb}
.series-budget.dot{fill:#0f766e}
.envelope{fill:#2563eb;fill-opacity:.16;stroke:none}
.envelope-budget{fill:#0f766e}
.budget-negative{fill:#fecaca;fill-opacity:.6}
.zone-label{fill:#a40e26;font-size:11px}
.lane{stroke:#d0d7de;stroke-dasharray:2 3}
.lane-label{fill:#57606a;text-anchor:end;font-size:11px}
.ribbon{fill-opacity:.55}
.marker,.ribbon{stroke-width:1.5}
.level-none{fill:#16a34a;stroke:#16a34a}
.level-warning{fill:#d97706;stroke:#d97706}
.level-ticket{fill:#0284c7;stroke:#0284c7}
.level-critical{fill:#dc2626;stroke:#dc2626}
.level-page{fill:#7c3aed;stroke:#7c3aed}
.ribbon{stroke:none}
.marker.silenced{fill:#fff;stroke-width:2}
.legend-kind{fill:#6e7781;stroke:#6e7781}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;color:#424a53;font-size:12px;margin:4px 0 0 ${(plotLeft / chartWidth) * 100}%}
.legend-group{display:flex;flex-wrap:wrap;gap:4px 14px}
.legend-item{display:inline-flex;align-items:center;gap:5px}
.legend-icon{width:16px;height:16px}
.legend-sli{stroke:#2563eb;stroke-width:2.5}
.legend-budget{stroke:#0f766e;stroke-width:2.5}
.legend-target,.legend-zero{stroke:#1f2328;stroke-width:2}
.legend-warning{stroke:#d97706;stroke-width:2;stroke-dasharray:4 2}
.legend-critical{stroke:#dc2626;stroke-width:2;stroke-dasharray:4 2}
.no-data,.note{color:#57606a;font-style:italic;margin:6px 0}
.no-data{padding:24px;text-align:center;border:1px dashed #d0d7de;border-radius:6px;background:#f6f8fa}
.events{margin-top:8px}
.events summary{cursor:pointer;color:#424a53}
.event-list{margin-top:6px;font-size:13px}
.event-list th,.event-list td{padding:4px 10px;border-bottom:1px solid #eaeef2;text-align:left}
.event-list thead th{color:#57606a;font-weight:600}
.level-tag{display:inline-block;padding:0 8px;border-radius:999px;color:#fff;font-size:12px;font-weight:600;background:#6e7781}
.level-tag.level-none{background:#16a34a}
.level-tag.level-warning{background:#d97706}
.level-tag.level-ticket{background:#0284c7}
.level-tag.level-critical{background:#dc2626}
.level-tag.level-page{background:#7c3aed}
.muted{color:#6e7781}
@media print{body{background:#fff}main{padding:0}.slo{border:0;padding:0}}
`;
