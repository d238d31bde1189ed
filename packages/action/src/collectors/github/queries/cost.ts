/** A connection a query asks for: its `first` and the connections requested inside each of its nodes. */
export interface ConnectionShape {
  first: number;
  nested?: ConnectionShape[];
}

/**
 * GitHub's primary rate-limit cost of a query: the requests needed to fill every connection, assuming each
 * reaches its `first`, divided by 100 and rounded, at least 1
 * (docs.github.com/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api).
 *
 * @example
 * queryCost([{ first: 100, nested: [{ first: 20 }, { first: 100 }] }]) //=> 2 (1 + 100 + 100 requests)
 */
export function queryCost(connections: ConnectionShape[]): number {
  const requests = connections.reduce((sum, c) => sum + requestsFor(c, 1), 0);
  return Math.max(1, Math.round(requests / 100));
}

/** Nodes a query can return at most (GitHub refuses more than 500,000). */
export function queryNodes(connections: ConnectionShape[]): number {
  return connections.reduce((sum, c) => sum + nodesFor(c, 1), 0);
}

function requestsFor(c: ConnectionShape, parents: number): number {
  return parents + (c.nested ?? []).reduce((sum, n) => sum + requestsFor(n, parents * c.first), 0);
}

function nodesFor(c: ConnectionShape, parents: number): number {
  const own = parents * c.first;
  return own + (c.nested ?? []).reduce((sum, n) => sum + nodesFor(n, own), 0);
}
