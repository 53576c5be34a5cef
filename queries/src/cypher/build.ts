/**
 * Builds the schema-derived Cypher: constraints/indexes and one static-label upsert per node and
 * edge kind (Neo4j 5.26 cannot use indexes through dynamic labels, so each kind gets its own text).
 * `npm run gen` writes the output to generated/ for review; CI fails when it drifts from this builder.
 * Only labels and relationship types — which come from the schema, never from input — are spliced
 * into the text; every value is a parameter.
 */
import { EDGE_KIND_IDS, NODE_KIND_IDS, type EdgeKind, type NodeKind } from '../schema/index.js';
import { MAX_EVIDENCE } from '../store/ownership.js';

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*$/;
function label(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`schema name ${JSON.stringify(name)} is not a safe Cypher identifier`);
  return name;
}

export function constraintStatements(): string[] {
  return [
    'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE',
    'CREATE CONSTRAINT alias_key IF NOT EXISTS FOR (x:Alias) REQUIRE x.key IS UNIQUE',
    'CREATE INDEX alias_target IF NOT EXISTS FOR (x:Alias) ON (x.target)',
    'CREATE CONSTRAINT run_id IF NOT EXISTS FOR (r:Run) REQUIRE r.id IS UNIQUE',
    'CREATE CONSTRAINT score_run_id IF NOT EXISTS FOR (r:ScoreRun) REQUIRE r.id IS UNIQUE',
    'CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)',
    ...EDGE_KIND_IDS.map((k) => `CREATE CONSTRAINT edge_${label(k)}_eid IF NOT EXISTS FOR ()-[e:${label(k)}]-() REQUIRE e.eid IS UNIQUE`),
  ];
}

/** Stamps shared by node and edge upserts: `x` is the element, `old` its properties before the write. */
function stamps(x: string): string {
  return [
    `${x}.sourceRuns = [s IN coalesce(old.sourceRuns, []) WHERE NOT s STARTS WITH $prefix] + $stamp`,
    `${x}.sources = [s IN coalesce(old.sourceRuns, []) WHERE NOT s STARTS WITH $prefix | split(s, '@')[0]] + $source`,
    `${x}.firstSeen = coalesce(old.firstSeen, $now)`,
    `${x}.lastSeen = $now`,
    `${x}.runId = $runId`,
  ].join(',\n    ');
}

/**
 * Upsert of node rows of one kind (the merge rules of store/ownership.ts#mergeNode): a full row's
 * facts win, a `ref` row only fills gaps; the node takes this kind's label and drops the others.
 */
export function nodeUpsert(kind: NodeKind): string {
  const others = NODE_KIND_IDS.filter((k) => k !== kind).map(label).join(':');
  return `UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
WITH n, row, properties(n) AS old
SET n:${label(kind)}
REMOVE n:${others}
SET n += row.props
SET n += CASE WHEN row.ref THEN old ELSE {} END
SET n.kind = '${label(kind)}',
    n.name = CASE WHEN row.ref AND old.name IS NOT NULL THEN old.name ELSE row.name END,
    n.domain = CASE WHEN row.ref AND old.domain IS NOT NULL THEN old.domain ELSE row.domain END,
    n.criticality = CASE WHEN row.ref THEN coalesce(old.criticality, row.criticality) ELSE coalesce(row.criticality, old.criticality) END,
    n.exposure = CASE WHEN row.ref THEN coalesce(old.exposure, row.exposure) ELSE coalesce(row.exposure, old.exposure) END,
    n.purdueLevel = CASE WHEN row.ref THEN coalesce(old.purdueLevel, row.purdueLevel) ELSE coalesce(row.purdueLevel, old.purdueLevel) END,
    n.aliases = reduce(acc = coalesce(old.aliases, []), a IN row.aliases | CASE WHEN a IN acc THEN acc ELSE acc + a END),
    n.ref = coalesce(old.ref, row.ref) AND row.ref,
    ${stamps('n')}
FOREACH (a IN row.aliases | MERGE (x:Alias {key: a}) ON CREATE SET x.target = row.id)`;
}

/** Upsert of edge rows of one kind (store/ownership.ts#mergeEdge). */
export function edgeUpsert(kind: EdgeKind): string {
  return `UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[e:${label(kind)} {eid: row.eid}]->(b)
WITH e, row, properties(e) AS old
SET e += row.props
SET e.kind = '${label(kind)}',
    e.key = row.key,
    e.p = coalesce(row.p, old.p),
    e.evidence = (coalesce(old.evidence, []) + [y IN row.evidence WHERE NOT y IN coalesce(old.evidence, [])])[..${MAX_EVIDENCE}],
    ${stamps('e')}`;
}

export function nodeUpserts(): Record<NodeKind, string> {
  return Object.fromEntries(NODE_KIND_IDS.map((k) => [k, nodeUpsert(k)])) as Record<NodeKind, string>;
}
export function edgeUpserts(): Record<EdgeKind, string> {
  return Object.fromEntries(EDGE_KIND_IDS.map((k) => [k, edgeUpsert(k)])) as Record<EdgeKind, string>;
}
