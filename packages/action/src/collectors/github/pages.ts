/** A connection's paging state, as GitHub's GraphQL API returns it. */
export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * A connection's pages when its first page may already have come with another query: that page, then
 * the rest from its end cursor; without it, every page from the start.
 */
export async function* pagesAfter<T>(
  first: T | undefined,
  pageInfo: (page: T) => PageInfo | undefined,
  rest: (cursor: string | undefined) => AsyncIterable<T>,
): AsyncGenerator<T> {
  if (first === undefined) {
    yield* rest(undefined);
    return;
  }
  yield first;
  const info = pageInfo(first);
  if (info?.hasNextPage === true && info.endCursor !== null) yield* rest(info.endCursor);
}
