/**
 * Hand-written named Cypher queries (everything that is not per-kind). All values are parameters;
 * nothing from input is ever concatenated into query text.
 */

/** Aliases and ids → canonical node id and kind. */
export const LOOKUP = `
UNWIND $keys AS key
OPTIONAL MATCH (direct:Entity {id: key})
OPTIONAL MATCH (x:Alias {key: key})
OPTIONAL MATCH (viaAlias:Entity {id: x.target})
WITH key, coalesce(direct, viaAlias) AS n
WHERE n IS NOT NULL
RETURN key, n.id AS id, n.kind AS kind`;

/** Which of the given ids exist (used to check edge endpoints outside the run). */
export const EXISTING_IDS = `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN collect(n.id) AS ids`;

/** Adds properties to existing nodes (enrichment); rows are [id, props]. Claims nothing. */
export const ENRICH_NODES = `
UNWIND $rows AS row
MATCH (n:Entity {id: row[0]})
SET n += row[1]
RETURN count(n) AS found`;

export const CREATE_RUN = `
CREATE (r:Run)
SET r = $run`;

export const LIST_RUNS = `
MATCH (r:Run)
RETURN properties(r) AS run
ORDER BY r.startedAt, r.id`;

/**
 * Drops $source's claim on relationships it did not assert in run $stamp; deletes orphans.
 * (Relationships store only `sourceRuns`; `sources` and `kind` are derived on read — fewer properties
 * per relationship is less transaction memory and time, and relationships are the many.)
 */
export const CLEANUP_EDGES = `
MATCH ()-[e]->()
WHERE any(x IN e.sourceRuns WHERE x STARTS WITH $prefix) AND NOT $stamp IN e.sourceRuns
  AND ($scopes IS NULL OR any(s IN $scopes WHERE type(e) IN s.edgeKinds
    AND ((s.from IS NULL AND s.fromPrefixes IS NULL) OR startNode(e).id IN coalesce(s.from, [])
      OR any(p IN coalesce(s.fromPrefixes, []) WHERE startNode(e).id STARTS WITH p))
    AND (s.toTails IS NULL OR last(split(endNode(e).id, ':')) IN s.toTails)
    AND ((s.to IS NULL AND s.toPrefixes IS NULL) OR endNode(e).id IN coalesce(s.to, [])
      OR any(p IN coalesce(s.toPrefixes, []) WHERE endNode(e).id STARTS WITH p))))
WITH e, [x IN e.sourceRuns WHERE NOT x STARTS WITH $prefix] AS rest
FOREACH (_ IN CASE WHEN size(rest) = 0 THEN [1] ELSE [] END | DELETE e)
FOREACH (_ IN CASE WHEN size(rest) > 0 THEN [1] ELSE [] END | SET e.sourceRuns = rest)
RETURN sum(CASE WHEN size(rest) = 0 THEN 1 ELSE 0 END) AS deleted,
       sum(CASE WHEN size(rest) > 0 THEN 1 ELSE 0 END) AS released`;

/**
 * The end of a node release: nodes left with no claim (`rest` empty) go with their relationships and
 * alias entries; counts of deleted and released nodes. Shared by cleanup and expiry (a constant, no input).
 */
const DELETE_ORPHAN_NODES = `WITH n, rest, n.id AS id
CALL {
  WITH n, rest, id
  WITH n, id WHERE size(rest) = 0
  OPTIONAL MATCH (x:Alias {target: id})
  DELETE x
  WITH DISTINCT n
  DETACH DELETE n
  RETURN count(*) AS gone
}
RETURN sum(CASE WHEN size(rest) = 0 THEN 1 ELSE 0 END) AS deleted,
       sum(CASE WHEN size(rest) > 0 THEN 1 ELSE 0 END) AS released`;

/** Same for nodes; a deleted node takes its remaining relationships and alias entries with it. */
export const CLEANUP_NODES = `
MATCH (n:Entity)
WHERE $source IN n.sources AND NOT $stamp IN n.sourceRuns
  AND ($scopes IS NULL OR (NOT coalesce(n.ref, false) AND any(s IN $scopes WHERE n.kind IN s.nodeKinds
    AND (s.idTails IS NULL OR last(split(n.id, ':')) IN s.idTails)
    AND ((s.ids IS NULL AND s.idPrefixes IS NULL AND s.aliasPrefixes IS NULL) OR n.id IN coalesce(s.ids, [])
      OR any(p IN coalesce(s.idPrefixes, []) WHERE n.id STARTS WITH p)
      OR any(a IN coalesce(n.aliases, []) WHERE any(p IN coalesce(s.aliasPrefixes, []) WHERE a STARTS WITH p))))))
WITH n, [s IN n.sources WHERE s <> $source] AS rest
FOREACH (_ IN CASE WHEN size(rest) > 0 THEN [1] ELSE [] END |
  SET n.sourceRuns = [x IN n.sourceRuns WHERE NOT x STARTS WITH $prefix],
      n.sources = [x IN n.sourceRuns WHERE NOT x STARTS WITH $prefix | split(x, '@')[0]])
${DELETE_ORPHAN_NODES}`;

/** Expired observation claims off relationships: $claims are {stamp, kinds} (kinds null: every kind). */
export const EXPIRE_EDGES = `
MATCH ()-[e]->()
WHERE any(x IN e.sourceRuns WHERE x IN $stamps)
WITH e, [x IN e.sourceRuns WHERE NOT any(c IN $claims WHERE c.stamp = x AND (c.kinds IS NULL OR type(e) IN c.kinds))] AS rest
WHERE size(rest) < size(e.sourceRuns)
FOREACH (_ IN CASE WHEN size(rest) = 0 THEN [1] ELSE [] END | DELETE e)
FOREACH (_ IN CASE WHEN size(rest) > 0 THEN [1] ELSE [] END | SET e.sourceRuns = rest)
RETURN sum(CASE WHEN size(rest) = 0 THEN 1 ELSE 0 END) AS deleted,
       sum(CASE WHEN size(rest) > 0 THEN 1 ELSE 0 END) AS released`;

/** Expired claims off nodes ($stamps: the runs whose every claim expired); orphans go with their aliases. */
export const EXPIRE_NODES = `
MATCH (n:Entity)
WHERE any(x IN n.sourceRuns WHERE x IN $stamps)
WITH n, [x IN n.sourceRuns WHERE NOT x IN $stamps] AS rest
FOREACH (_ IN CASE WHEN size(rest) > 0 THEN [1] ELSE [] END |
  SET n.sourceRuns = rest, n.sources = [x IN rest | split(x, '@')[0]])
${DELETE_ORPHAN_NODES}`;

export const GET_NODE = `
MATCH (n:Entity {id: $id})
RETURN properties(n) AS n`;

export const NODE_STATS = `
MATCH (n:Entity)
RETURN n.kind AS kind, n.domain AS domain, count(*) AS count`;

export const EDGE_STATS = `
MATCH ()-[e]->()
RETURN type(e) AS kind, count(*) AS count`;

export const SAVE_SCORE_RUN = `
MERGE (r:ScoreRun {id: $id})
SET r.createdAt = $createdAt, r.payload = $payload`;

export const LIST_SCORE_RUNS = `
MATCH (r:ScoreRun)
RETURN r.id AS id, r.createdAt AS createdAt, r.payload AS payload
ORDER BY r.createdAt, r.id`;

export const GET_SCORE_RUN = `
MATCH (r:ScoreRun {id: $id})
RETURN r.id AS id, r.createdAt AS createdAt, r.payload AS payload`;

/** User markers (owned, high value) live beside the graph, not on its nodes: imports never touch them. */
export const SET_MARKER = `
MERGE (m:Marker {key: $key})
SET m.nodeId = $nodeId, m.marker = $marker, m.by = $by, m.at = $at`;

export const CLEAR_MARKER = `
MATCH (m:Marker {key: $key})
DELETE m`;

export const LIST_MARKERS = `
MATCH (m:Marker)
RETURN m.nodeId AS nodeId, m.marker AS marker, m.by AS by, m.at AS at
ORDER BY m.key`;

/** Workflow documents (fix status, saved views, deliveries, reports) live beside the graph like markers. */
export const PUT_DOCUMENTS = `
UNWIND $docs AS d
MERGE (x:Document {key: d.key})
SET x.collection = d.collection, x.id = d.id, x.updatedAt = d.updatedAt, x.body = d.body`;

export const REMOVE_DOCUMENTS = `
UNWIND $keys AS key
MATCH (x:Document {key: key})
DELETE x`;

export const LIST_DOCUMENTS = `
MATCH (x:Document) WHERE x.collection = $collection
RETURN x.collection AS collection, x.id AS id, x.updatedAt AS updatedAt, x.body AS body
ORDER BY x.id`;

export const GET_DOCUMENT = `
MATCH (x:Document {key: $key})
RETURN x.collection AS collection, x.id AS id, x.updatedAt AS updatedAt, x.body AS body`;

/** Shared predicate of the subgraph filter, over a node variable named by the caller. */
const NODE_FILTER = (v: string) =>
  `($kinds IS NULL OR ${v}.kind IN $kinds) AND ($domains IS NULL OR ${v}.domain IN $domains) AND ($ids IS NULL OR ${v}.id IN $ids)`;

export const ALL_NODES = `
MATCH (n:Entity)
WHERE ${NODE_FILTER('n')}
RETURN properties(n) AS n`;

export const ALL_EDGES = `
MATCH (a:Entity)-[e]->(b:Entity)
WHERE ($edgeKinds IS NULL OR type(e) IN $edgeKinds) AND ${NODE_FILTER('a')} AND ${NODE_FILTER('b')}
RETURN a.id AS from, b.id AS to, type(e) AS kind, properties(e) AS e`;
