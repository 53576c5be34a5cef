/**
 * The evidence report's HTML with hostile names (they come from AD, scanners and vendor registers):
 * markup stays text, no table cell can start a spreadsheet formula, nothing is fetched from outside;
 * the trend chart has dated axes and one point per score run.
 */
import { describe, expect, it } from 'vitest';
import { newFixRecord, planWithGaps, remediationPlan, scoreModel, fixEvidence } from '@chokepoint/queries';
import { reportFacts, renderNis2Html, trendChart, type Nis2Report } from '@chokepoint/server';
import { hostileNamedModel } from '../helpers/model.js';

const HOSTILE = ['<img src=x onerror=alert(1)>', '=HYPERLINK("http://evil.example","x")', '+cmd|\' /C calc\'!A0', '@SUM(1+1)', '<script>alert(2)</script>'];

/** Text of every <td>, tags stripped and the five entities decoded (what a spreadsheet receives when a table is pasted). */
function cells(html: string): string[] {
  return [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'));
}

describe('evidence report HTML', () => {
  it('renders hostile names as text, neutralises formula-like cells and loads nothing from outside', () => {
    const model = hostileNamedModel(HOSTILE);
    const scoring = scoreModel(model);
    const plan = planWithGaps(model, remediationPlan(model), new Map());
    const now = '2026-12-01T00:00:00.000Z';
    const evidence = fixEvidence(model, scoring, plan.rows.map((r) => r.fixId));
    const records = plan.rows.map((r) => newFixRecord(evidence.get(r.fixId)!, now, 'scoring', 'tracked'));
    const accepted = { ...records[0]!, acceptance: { reason: HOSTILE[1]!, approver: HOSTILE[0]!, at: now, expires: '2027-01-01T00:00:00.000Z' } };
    const facts = reportFacts({ model, scoring });
    const report: Nis2Report = {
      generatedAt: now, generatedBy: HOSTILE[4]!, draft: true, store: 'embedded',
      scoreRun: { id: 'score-1', createdAt: now, totals: { risk: scoring.total, targets: model.targets.length, reachableTargets: scoring.reachableTargets, entries: model.entries.length, steps: model.steps.length, derivedSteps: 0 } },
      coverage: { sources: [{ source: HOSTILE[1]!, format: 'test', runs: 1, lastRun: 'r1', lastRunAt: now, scopes: [HOSTILE[0]!], observations: null, nodes: 1, edges: 1, notReconfirmed: { nodes: 0, edges: 0 } }], gaps: [] },
      crownJewels: facts.crownJewels, trend: [{ id: 'score-1', at: now, risk: scoring.total }], routes: facts.routes,
      plan: { ...plan, rows: plan.rows.map((r) => ({ ...r, lifecycle: { status: 'open', owner: HOSTILE[2]!, due: '2026-12-16', tier: 'critical', overdue: false } })) },
      verified: [], resurfaced: [], accepted: [accepted], overdue: [], previous: null,
    };
    const html = renderNis2Html(report);
    expect(html).not.toMatch(/<img|<script/i);
    expect(html).not.toMatch(/(src|href)=["']?https?:/i); // self-contained: nothing fetched
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const all = cells(html);
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(all).toContain(`'${HOSTILE[1]!}`);
    // Every rounded number carries its full value.
    const total = /data-field="total-risk" data-value="([^"]+)"/.exec(html)![1];
    expect(Number(total)).toBe(scoring.total);
  });

  it('draws the trend with a dated time axis, a risk axis from 0 and one point per score run', () => {
    const svg = trendChart([
      { at: '2026-09-01T00:00:00.000Z', risk: 12.5 }, { at: '2026-10-01T00:00:00.000Z', risk: 9 }, { at: '2026-11-15T00:00:00.000Z', risk: 3.25 },
    ]);
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg).toContain('>2026-09-01<');
    expect(svg).toContain('>2026-11-15<');
    expect(svg).toMatch(/>0<\/text>/);
    expect(svg).toMatch(/>12.5<\/text>/); // ticks reach the highest risk (nice steps of 2.5)
    expect(svg).toContain('score run date (UTC)');
    expect(trendChart([{ at: '2026-12-01T10:00:00.000Z', risk: 1 }, { at: '2026-12-01T12:30:00.000Z', risk: 2 }])).toContain('>2026-12-01 12:30<');
  });
});
