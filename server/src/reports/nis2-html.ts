/**
 * The NIS2 / IEC 62443 evidence report as one self-contained HTML file: inline CSS (print-ready: A4,
 * page breaks between sections, table headers repeated), inline SVG, no script and a CSP that forbids
 * any fetch, so it can be mailed, archived and opened offline. Every value is escaped; numbers shown
 * rounded carry their full value in `data-value` (tests compare them with the API's).
 */
import { esc, fmt, routePicture, trendChart } from './svg.js';
import type { Nis2Report } from './nis2-data.js';
import { neutraliseCell } from '../analysis/export-render.js';

const num = (field: string, value: number, shown = fmt(value)) => `<span data-field="${esc(field)}" data-value="${esc(String(value))}">${esc(shown)}</span>`;
const date = (iso: string | null | undefined) => esc(iso ? iso.slice(0, 10) : '—');
const runs = (list: ReadonlyArray<{ source: string; runId: string }> | undefined) => esc((list ?? []).map((r) => `${r.source} run ${r.runId}`).join(', ') || '—');

/**
 * A table whose cells are escaped HTML. A cell whose text starts like a spreadsheet formula gets a leading
 * apostrophe, as in the CSV exports (export-render.ts): tables are copied from reports into spreadsheets.
 */
function table(caption: string, head: string[], rows: string[][], id: string): string {
  if (rows.length === 0) return `<p class="none" id="${esc(id)}">${esc(caption)}: none.</p>`;
  return `<table id="${esc(id)}"><caption>${esc(caption)}</caption><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${neutraliseCell(c)}</td>`).join('')}</tr>`).join('\n')}</tbody></table>`;
}

const STYLE = `
@page { size: A4; margin: 16mm 14mm; }
body { font: 10.5pt/1.4 system-ui, "DejaVu Sans", Arial, sans-serif; color: #111; max-width: 190mm; margin: 0 auto; }
h1 { font-size: 20pt; margin: 0 0 4px; } h2 { font-size: 14pt; border-bottom: 2px solid #1f5fa8; padding-bottom: 2px; margin-top: 22px; }
h3 { font-size: 11.5pt; margin: 14px 0 4px; }
section { break-before: page; } section.first { break-before: auto; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 9pt; }
caption { text-align: left; font-weight: 600; padding: 2px 0; }
th, td { border: 1px solid #bbb; padding: 3px 5px; vertical-align: top; text-align: left; }
th { background: #eef2f7; } thead { display: table-header-group; } tr { break-inside: avoid; }
.meta { color: #444; } .none { color: #555; font-style: italic; } .overdue { color: #b00020; font-weight: 600; }
.kpi { display: inline-block; border: 1px solid #bbb; border-radius: 4px; padding: 4px 10px; margin: 0 6px 6px 0; }
.kpi b { display: block; font-size: 14pt; } .route-block { break-inside: avoid; margin-bottom: 10px; }
svg { max-width: 100%; height: auto; } .draft { color: #b00020; font-weight: 600; }
.judgement { font-size: 9pt; color: #444; }
`;

export function renderNis2Html(r: Nis2Report): string {
  const t = r.scoreRun.totals;
  const sections: string[] = [];

  sections.push(`<section class="first" id="summary"><h1>NIS2 / IEC 62443 evidence report</h1>
<p class="meta">Generated ${esc(r.generatedAt)} by ${esc(r.generatedBy)} from score run <code>${esc(r.scoreRun.id)}</code> (${esc(r.scoreRun.createdAt)}), ${esc(r.store)} store.${r.draft ? ' <span class="draft">Draft: not recorded as issued.</span>' : ''}</p>
<p><span class="kpi">Total risk<b>${num('total-risk', t.risk)}</b></span><span class="kpi">Reachable crown jewels<b>${num('reachable-targets', t.reachableTargets, String(t.reachableTargets))} of ${num('targets', t.targets, String(t.targets))}</b></span><span class="kpi">Entry points<b>${num('entries', t.entries, String(t.entries))}</b></span><span class="kpi">Risk after the plan<b>${num('plan-total-after', r.plan.totalAfter)}</b></span><span class="kpi">Verified fixes<b>${r.verified.length}</b></span><span class="kpi">Accepted risks<b>${r.accepted.length}</b></span><span class="kpi">Overdue fixes<b>${r.overdue.length}</b></span></p>
<p class="judgement">Risk is the likelihood of the most likely route from an exposed entry point to a crown jewel times the jewel's criticality (0–10), summed over target groups (README "Scoring"). It measures attack paths the imported data shows; what no source collected is listed under coverage gaps, not assumed absent.</p></section>`);

  sections.push(`<section id="scope"><h2>1. Scope and coverage</h2>
${table('Sources and what their latest run covered', ['Source', 'Format', 'Runs', 'Latest run', 'Covered', 'Asserts (nodes / edges)', 'Not re-confirmed'],
    r.coverage.sources.map((s) => [esc(s.source), esc(s.format), esc(s.runs), `${esc(s.lastRun)}<br>${date(s.lastRunAt)}`, esc(s.scopes ? s.scopes.join('; ') : 'the whole source'),
      `${esc(s.nodes)} / ${esc(s.edges)}`, `${esc(s.notReconfirmed.nodes)} / ${esc(s.notReconfirmed.edges)}`]), 'coverage-sources')}
${table('Coverage gaps: what no source collected (unknown, not absent)', ['Gap', 'Count', 'What is missing'], r.coverage.gaps.map((g) => [esc(g.kind), esc(g.count), esc(g.message)]), 'coverage-gaps')}
</section>`);

  sections.push(`<section id="crown-jewels"><h2>2. Crown jewels</h2>
${table(`Targets (criticality ≥ the scoring's threshold, Tier Zero, or marked high value): ${r.crownJewels.length}`, ['Crown jewel', 'Kind', 'Domain', 'Purdue level', 'Criticality', 'Risk'],
    r.crownJewels.map((c) => [esc(c.name), esc(c.kind), esc(c.domain), esc(c.purdueLevel ?? '—'), esc(c.criticality), num('target-risk', c.risk)]), 'crown-jewels')}
</section>`);

  sections.push(`<section id="trend"><h2>3. Risk trend</h2>
<p>Total risk of each of the ${r.trend.length} score run(s).</p>
${trendChart(r.trend)}
${table('Score runs', ['Score run', 'Date (UTC)', 'Total risk'], r.trend.slice(-12).map((p) => [`<code>${esc(p.id)}</code>`, esc(p.at), num('trend-risk', p.risk)]), 'trend-runs')}
</section>`);

  sections.push(`<section id="routes"><h2>4. Top routes to crown jewels</h2>
${r.routes.length === 0 ? '<p class="none">No crown jewel is reachable from an entry point in the imported data.</p>' : r.routes.map((route, k) => `<div class="route-block"><h3>#${k + 1} ${esc(route.targetName)} ← ${esc(route.entryName)}: risk ${num('route-risk', route.risk)}</h3>
<p class="meta">p₀ ${esc(fmt(route.p0))} × Π p ${esc(fmt(route.likelihood))} × criticality ${esc(route.criticality)}${route.flags.length ? ` · crosses: ${esc(route.flags.join(', '))}` : ''}${route.gaps.length ? ` · data missing on ${esc(route.gaps.map((g) => g.name).join(', '))}` : ''}</p>
${routePicture(route.nodes, route.steps, `route ${k + 1} to ${route.targetName}`)}</div>`).join('\n')}
</section>`);

  sections.push(`<section id="plan"><h2>5. Remediation plan</h2>
<p>Ranked by risk removed per person-day, re-scored after each fix: total risk ${num('plan-total-before', r.plan.totalBefore)} → ${num('plan-total-after-2', r.plan.totalAfter)} (stopped: ${esc(r.plan.stopped)}). Accepted risks are left out (section 7).</p>
${table('Plan', ['#', 'Fix', 'NIS2 Art. 21(2)', 'Reg. 2024/2690 Annex', 'IEC 62443', 'Owner', 'Status', 'Due (SLA)', 'Person-days', 'Risk removed'],
    r.plan.rows.map((p) => [esc(p.rank), `${esc(p.action)}<br><small><code>${esc(p.fixId)}</code></small>`, esc(p.nis2), `§${esc(p.cir2690)}`, esc(p.iec62443 ?? '—'),
      esc(p.lifecycle?.owner ?? '—'), esc(p.lifecycle?.status ?? 'not tracked'), p.lifecycle ? `<span class="${p.lifecycle.overdue ? 'overdue' : ''}">${esc(p.lifecycle.due)}${p.lifecycle.overdue ? ' overdue' : ''}</span><br><small>${esc(p.lifecycle.tier)}</small>` : '—',
      esc(p.cost), num('plan-risk-removed', p.riskRemoved)]), 'plan-rows')}
<p class="judgement">The Art. 21(2) letter, the Annex section of Implementing Regulation (EU) 2024/2690 and the IEC 62443 requirement per fix family are a mapping this project made (README "Compliance mapping"); where a family spans several measures the closest is named.</p>
</section>`);

  sections.push(`<section id="evidence"><h2>6. Fixes verified (evidence of effectiveness)</h2>
${table('Fixes whose attack-path edges a later import no longer found', ['Fix', 'Owner', 'Claimed done', 'Verified', 'Score run', 'Import runs that removed the edges'],
    r.verified.map((f) => [`${esc(f.action)}<br><small><code>${esc(f.fixId)}</code></small>`, esc(f.owner ?? '—'), date(f.doneAt), date(f.verified?.at), `<code>${esc(f.verified?.scoreRun ?? '')}</code>`, runs(f.verified?.runs)]), 'verified-fixes')}
${table('Resurfaced: verified once, their edges are back', ['Fix', 'Owner', 'Resurfaced', 'Brought back by'], r.resurfaced.map((f) => [esc(f.action), esc(f.owner ?? '—'), date(f.resurfaced?.at), runs(f.resurfaced?.runs)]), 'resurfaced-fixes')}
${table('Overdue (past the SLA due date, not verified, not accepted)', ['Fix', 'Owner', 'Status', 'Due', 'SLA tier'], r.overdue.map((f) => [esc(f.action), esc(f.owner ?? '—'), esc(f.status), date(f.sla.due), esc(f.sla.tier)]), 'overdue-fixes')}
</section>`);

  sections.push(`<section id="accepted"><h2>7. Accepted risks</h2>
${table('Fixes whose risk management accepted, until the expiry date (then back in the plan)', ['Fix', 'Reason', 'Approver', 'Accepted', 'Expires'],
    r.accepted.map((f) => [`${esc(f.action)}<br><small><code>${esc(f.fixId)}</code></small>`, esc(f.acceptance!.reason), esc(f.acceptance!.approver), date(f.acceptance!.at), date(f.acceptance!.expires)]), 'accepted-risks')}
</section>`);

  const p = r.previous;
  sections.push(`<section id="changes"><h2>8. Changes since the previous report</h2>
${!p ? '<p class="none">No earlier report was issued from this store.</p>' : `<p>Previous report <code>${esc(p.id)}</code> of ${esc(p.at)} (score run <code>${esc(p.scoreRun)}</code>).</p>
${p.diff ? `<p>Total risk ${num('previous-total', p.diff.totalBefore)} → ${num('current-total', p.diff.totalAfter)} (${p.diff.delta >= 0 ? '+' : ''}${num('delta', p.diff.delta)}); ${p.diff.importRuns.length} import run(s) since.</p>
${table('New routes to crown jewels', ['Crown jewel', 'Risk', 'Why'], p.diff.newRoutes.map((c) => [esc(c.targetName), num('new-route-risk', c.risk), esc(c.causes.join('; '))]), 'new-routes')}
${table('Closed routes', ['Crown jewel', 'Risk before', 'Why'], p.diff.closedRoutes.map((c) => [esc(c.targetName), num('closed-route-risk', c.risk), esc(c.causes.join('; '))]), 'closed-routes')}` : '<p>The same score run as the previous report: no change in routes or risk.</p>'}
${table('Fixes verified since the previous report', ['Fix', 'Verified'], p.verifiedSince.map((f) => [esc(f.action), date(f.verified?.at)]), 'verified-since')}`}
</section>`);

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>NIS2 / IEC 62443 evidence report: ${esc(r.generatedAt.slice(0, 10))}</title>
<style>${STYLE}</style></head>
<body>
${sections.join('\n')}
</body></html>
`;
}
