import { schema as octokitSchema } from '@octokit/graphql-schema';
import {
  buildSchema,
  defaultFieldResolver,
  execute,
  type GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNullableType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  parse,
  validate,
} from 'graphql';
import { noreplyEmail, pullUpdatedAt, stableId } from './github-shapes.js';
import { queryCost } from './graphql-cost.js';
import type { Reply } from './http-types.js';
import type { Budget } from './rate-budget.js';
import type { RepoIndex } from './repo-index.js';
import type { ScenarioCommit, ScenarioIssue, ScenarioPullRequest } from './scenario.js';

let cachedSchema: GraphQLSchema | undefined;

/** GitHub's public schema from @octokit/graphql-schema, built once per process. */
export function githubSchema(): GraphQLSchema {
  if (cachedSchema === undefined) {
    cachedSchema = buildSchema(octokitSchema.idl, { assumeValidSDL: true });
  }
  return cachedSchema;
}

export interface GraphqlWorld {
  repos: Map<string, RepoIndex>;
  web: string;
  now: string;
}

type Args = Record<string, unknown>;
type Obj = Record<string, unknown>;

class TypedError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const encodeCursor = (offset: number) => Buffer.from(`cursor:v2:${offset}`).toString('base64');

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const m = /^cursor:v2:(\d+)$/.exec(text);
  if (!m) {
    throw new TypedError(
      'INVALID_CURSOR_ARGUMENTS',
      `\`${cursor}\` does not appear to be a valid cursor.`,
    );
  }
  return Number(m[1]);
}

/** A connection sliced like GitHub's: `first`/`after` or `last`/`before`, opaque cursors. */
function connection<T>(items: readonly T[], args: Args, node: (t: T) => unknown): Obj {
  let start = 0;
  let end = items.length;
  if (typeof args.after === 'string') start = Math.min(items.length, decodeCursor(args.after) + 1);
  if (typeof args.before === 'string') end = Math.max(start, decodeCursor(args.before));
  const first = typeof args.first === 'number' ? args.first : undefined;
  const last = typeof args.last === 'number' ? args.last : undefined;
  if (first !== undefined) end = Math.min(end, start + first);
  else if (last !== undefined) start = Math.max(start, end - last);
  const slice = items.slice(start, end);
  const nodes = slice.map(node);
  return {
    totalCount: items.length,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: slice.length > 0 ? encodeCursor(start) : null,
      endCursor: slice.length > 0 ? encodeCursor(end - 1) : null,
    },
    nodes,
    edges: nodes.map((n, i) => ({ cursor: encodeCursor(start + i), node: n })),
  };
}

const REVIEWERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];

function actor(login: string): Obj {
  const bot = login.endsWith('[bot]');
  return {
    __typename: bot ? 'Bot' : 'User',
    login: bot ? login.replace(/\[bot\]$/, '') : login,
    id: `U_${stableId(login)}`,
    url: `https://github.com/${login}`,
    avatarUrl: `https://avatars.githubusercontent.com/u/${stableId(login)}`,
    resourcePath: `/${login}`,
  };
}

function iso(s: string): string {
  return new Date(s).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The object graph a query walks: plain values and argument-taking functions. */
class Graph {
  constructor(private readonly world: GraphqlWorld) {}

  repository(args: Args): Obj | null {
    const key = `${String(args.owner)}/${String(args.name)}`;
    const r = this.world.repos.get(key.toLowerCase());
    if (r === undefined) {
      throw new TypedError(
        'NOT_FOUND',
        `Could not resolve to a Repository with the name '${key}'.`,
      );
    }
    return this.repo(r);
  }

  repo(r: RepoIndex): Obj {
    const url = `${this.world.web}/${r.full}`;
    return {
      __typename: 'Repository',
      id: `R_${stableId(`repo:${r.full}`)}`,
      databaseId: stableId(`repo:${r.full}`),
      name: r.repo.name,
      nameWithOwner: r.full,
      owner: { __typename: 'Organization', login: r.repo.owner, id: `O_${r.repo.owner}` },
      url,
      isPrivate: r.repo.private ?? false,
      createdAt: iso(r.createdAt),
      defaultBranchRef: () => this.ref(r, r.repo.defaultBranch),
      ref: (a: Args) => this.ref(r, String(a.qualifiedName)),
      object: (a: Args) => {
        const key = typeof a.oid === 'string' ? a.oid : String(a.expression ?? '');
        const sha = r.resolve(key);
        return sha === undefined ? null : this.commit(r, sha);
      },
      pullRequests: (a: Args) => this.pullRequests(r, a),
      pullRequest: (a: Args) => {
        const p = r.pullsByNumber.get(Number(a.number));
        if (p === undefined) {
          throw new TypedError(
            'NOT_FOUND',
            `Could not resolve to a PullRequest with the number of ${String(a.number)}.`,
          );
        }
        return this.pull(r, p);
      },
      issues: (a: Args) => this.issues(r, a),
      issue: (a: Args) => {
        const i = r.issues.find((x) => x.number === Number(a.number));
        if (i === undefined) {
          throw new TypedError(
            'NOT_FOUND',
            `Could not resolve to an Issue with the number of ${String(a.number)}.`,
          );
        }
        return this.issue(r, i);
      },
    };
  }

  ref(r: RepoIndex, qualifiedName: string): Obj | null {
    const name = qualifiedName.replace(/^refs\/heads\//, '');
    const head = r.branchHeads.get(name);
    if (head === undefined) return null;
    return {
      __typename: 'Ref',
      id: `REF_${stableId(`${r.full}:${name}`)}`,
      name,
      prefix: 'refs/heads/',
      target: () => this.commit(r, head),
    };
  }

  commit(r: RepoIndex, sha: string): Obj | null {
    const c = r.commits.get(sha);
    if (c === undefined) return null;
    return this.commitOf(r, c);
  }

  commitOf(r: RepoIndex, c: ScenarioCommit): Obj {
    const [headline, ...rest] = c.message.split('\n');
    return {
      __typename: 'Commit',
      id: `C_${c.sha.slice(0, 16)}`,
      oid: c.sha,
      abbreviatedOid: c.sha.slice(0, 7),
      message: c.message,
      messageHeadline: headline ?? '',
      messageBody: rest.join('\n').trim(),
      committedDate: iso(c.committedAt),
      authoredDate: iso(c.authoredAt),
      url: `${this.world.web}/${r.full}/commit/${c.sha}`,
      commitUrl: `${this.world.web}/${r.full}/commit/${c.sha}`,
      author: {
        name: c.author,
        email: noreplyEmail(c.author),
        date: iso(c.authoredAt),
        user: actor(c.author),
      },
      committer: {
        name: 'GitHub',
        email: 'noreply@github.com',
        date: iso(c.committedAt),
        user: null,
      },
      parents: (a: Args) =>
        connection(c.parents, a, (p) => this.commit(r, p) ?? { __typename: 'Commit', oid: p }),
      history: (a: Args) => this.history(r, c.sha, a),
      associatedPullRequests: (a: Args) => {
        const pulls = [...(r.pullsByCommit.get(c.sha) ?? [])].sort((x, y) => x.number - y.number);
        return connection(pulls, a, (p) => this.pull(r, p));
      },
    };
  }

  history(r: RepoIndex, sha: string, a: Args): Obj {
    let list = r.ancestors(sha).list;
    if (typeof a.since === 'string' || typeof a.until === 'string') {
      const lo = typeof a.since === 'string' ? Date.parse(a.since) : Number.NEGATIVE_INFINITY;
      const hi = typeof a.until === 'string' ? Date.parse(a.until) : Number.POSITIVE_INFINITY;
      list = list.filter((s) => {
        const t = Date.parse(r.commits.get(s)?.committedAt ?? '');
        return t >= lo && t <= hi;
      });
    }
    return connection(list, a, (s) => this.commit(r, s));
  }

  pullRequests(r: RepoIndex, a: Args): Obj {
    let pulls = r.pulls;
    const states = Array.isArray(a.states) ? (a.states as string[]) : undefined;
    if (states) pulls = pulls.filter((p) => states.includes(p.state.toUpperCase()));
    if (typeof a.baseRefName === 'string') pulls = pulls.filter((p) => p.baseRef === a.baseRefName);
    if (typeof a.headRefName === 'string') pulls = pulls.filter((p) => p.headRef === a.headRefName);
    if (Array.isArray(a.labels)) {
      const labels = a.labels as string[];
      pulls = pulls.filter((p) => labels.some((l) => (p.labels ?? []).includes(l)));
    }
    const order = (a.orderBy ?? { field: 'CREATED_AT', direction: 'ASC' }) as Obj;
    const key = (p: ScenarioPullRequest) => {
      const t = r.pullTimes.get(p);
      return (order.field === 'UPDATED_AT' ? t?.updated : t?.created) ?? 0;
    };
    const sign = order.direction === 'DESC' ? -1 : 1;
    pulls = [...pulls].sort((x, y) => sign * (key(x) - key(y) || x.number - y.number));
    return connection(pulls, a, (p) => this.pull(r, p));
  }

  pull(r: RepoIndex, p: ScenarioPullRequest): Obj {
    const merged = p.state === 'merged';
    const url = `${this.world.web}/${r.full}/pull/${p.number}`;
    const reviews = reviewsOf(p);
    return {
      __typename: 'PullRequest',
      id: `PR_${stableId(`${r.full}#${p.number}`)}`,
      databaseId: stableId(`pr:${r.full}#${p.number}`),
      number: p.number,
      title: p.title,
      body: p.body ?? '',
      url,
      permalink: url,
      createdAt: iso(p.createdAt),
      updatedAt: iso(pullUpdatedAt(p)),
      mergedAt: p.mergedAt ? iso(p.mergedAt) : null,
      closedAt: p.closedAt ? iso(p.closedAt) : p.mergedAt ? iso(p.mergedAt) : null,
      state: p.state.toUpperCase(),
      merged,
      closed: p.state !== 'open',
      isDraft: false,
      baseRefName: p.baseRef,
      headRefName: p.headRef,
      headRefOid: p.commits.at(-1) ?? '0'.repeat(40),
      baseRefOid: r.branchHeads.get(p.baseRef) ?? '0'.repeat(40),
      mergeCommit: p.mergeCommitSha ? () => this.commit(r, p.mergeCommitSha as string) : null,
      author: actor(p.author),
      repository: () => this.repo(r),
      labels: (a: Args) =>
        connection(p.labels ?? [], a, (name) => ({
          __typename: 'Label',
          id: `LA_${stableId(name)}`,
          name,
          color: 'ededed',
        })),
      commits: (a: Args) =>
        connection(p.commits, a, (sha) => ({
          __typename: 'PullRequestCommit',
          id: `PRC_${sha.slice(0, 12)}`,
          url: `${url}/commits/${sha}`,
          commit: () => this.commit(r, sha),
        })),
      reviews: (a: Args) => {
        const wanted = Array.isArray(a.states) ? (a.states as string[]) : undefined;
        const list = wanted ? reviews.filter((x) => wanted.includes(x.state)) : reviews;
        return connection(list, a, (x) => ({
          __typename: 'PullRequestReview',
          id: `PRR_${stableId(`${r.full}#${p.number}:${x.at}:${x.login}`)}`,
          state: x.state,
          submittedAt: iso(x.at),
          createdAt: iso(x.at),
          author: actor(x.login),
          body: '',
        }));
      },
    };
  }

  issues(r: RepoIndex, a: Args): Obj {
    let issues = r.issues;
    const filter = (a.filterBy ?? {}) as Obj;
    const states = (a.states ?? filter.states) as string[] | undefined;
    if (Array.isArray(states))
      issues = issues.filter((i) => states.includes(i.state.toUpperCase()));
    const labels = (a.labels ?? filter.labels) as string[] | undefined;
    if (Array.isArray(labels)) {
      issues = issues.filter((i) => labels.some((l) => (i.labels ?? []).includes(l)));
    }
    if (typeof filter.since === 'string') {
      const since = Date.parse(filter.since);
      issues = issues.filter((i) => Date.parse(i.closedAt ?? i.createdAt) >= since);
    }
    const order = (a.orderBy ?? { field: 'CREATED_AT', direction: 'ASC' }) as Obj;
    const key = (i: ScenarioIssue) =>
      Date.parse(order.field === 'UPDATED_AT' ? (i.closedAt ?? i.createdAt) : i.createdAt);
    const sign = order.direction === 'DESC' ? -1 : 1;
    issues = [...issues].sort((x, y) => sign * (key(x) - key(y) || x.number - y.number));
    return connection(issues, a, (i) => this.issue(r, i));
  }

  issue(r: RepoIndex, i: ScenarioIssue): Obj {
    return {
      __typename: 'Issue',
      id: `I_${stableId(`${r.full}#${i.number}`)}`,
      number: i.number,
      title: i.title,
      body: i.body ?? '',
      url: `${this.world.web}/${r.full}/issues/${i.number}`,
      state: i.state.toUpperCase(),
      closed: i.state === 'closed',
      createdAt: iso(i.createdAt),
      updatedAt: iso(i.closedAt ?? i.createdAt),
      closedAt: i.closedAt ? iso(i.closedAt) : null,
      author: actor('oncall-bot'),
      labels: (a: Args) =>
        connection(i.labels ?? [], a, (name) => ({
          __typename: 'Label',
          id: `LA_${stableId(name)}`,
          name,
          color: 'd73a4a',
        })),
    };
  }
}

/**
 * Reviews behind `firstReviewAt`: some authors comment on their own PR first (a review that must
 * not count as the first review), then a reviewer approves at `firstReviewAt`.
 */
function reviewsOf(p: ScenarioPullRequest): Array<{ login: string; state: string; at: string }> {
  if (p.firstReviewAt === undefined) return [];
  const reviewer = REVIEWERS.filter((x) => x !== p.author)[p.number % 5] ?? 'alice';
  const out: Array<{ login: string; state: string; at: string }> = [];
  if (p.number % 4 === 0 && Date.parse(p.createdAt) < Date.parse(p.firstReviewAt)) {
    out.push({ login: p.author, state: 'COMMENTED', at: p.createdAt });
  }
  out.push({ login: reviewer, state: 'APPROVED', at: p.firstReviewAt });
  return out;
}

/** Non-null fields the graph does not model still resolve, to a neutral value of their type. */
function neutral(type: GraphQLOutputType): unknown {
  if (!isNonNullType(type)) return null;
  const inner = getNullableType(type);
  if (isListType(inner)) return [];
  if (isEnumType(inner)) return inner.getValues()[0]?.value ?? null;
  if (isScalarType(inner)) {
    switch (inner.name) {
      case 'Int':
      case 'Float':
        return 0;
      case 'Boolean':
        return false;
      case 'DateTime':
      case 'GitTimestamp':
        return '1970-01-01T00:00:00Z';
      case 'URI':
        return 'https://github.com/';
      case 'GitObjectID':
        return '0'.repeat(40);
      default:
        return '';
    }
  }
  if (isObjectType(inner)) return { __typename: inner.name };
  return null;
}

const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
  if (typeof source === 'object' && source !== null && info.fieldName in source) {
    return defaultFieldResolver(source, args, context, info);
  }
  return neutral(info.returnType);
};

interface GithubGraphqlError {
  type?: string;
  message: string;
  path?: ReadonlyArray<string | number>;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  extensions?: Record<string, unknown>;
}

function toGithubError(e: GraphQLError): GithubGraphqlError {
  const original = e.originalError;
  const out: GithubGraphqlError = { message: e.message };
  if (original instanceof TypedError) out.type = original.type;
  if (e.path) out.path = e.path;
  if (e.locations) out.locations = e.locations;
  return out;
}

/** GitHub's wording and codes for the validation errors collectors are likely to hit. */
function toValidationError(e: GraphQLError): GithubGraphqlError {
  const field = /^Cannot query field "(.+?)" on type "(.+?)"\./.exec(e.message);
  const out: GithubGraphqlError = field
    ? {
        message: `Field '${field[1]}' doesn't exist on type '${field[2]}'`,
        extensions: { code: 'undefinedField', typeName: field[2], fieldName: field[1] },
      }
    : { message: e.message, extensions: { code: 'validationError' } };
  if (e.locations) out.locations = e.locations;
  out.path = ['query'];
  return out;
}

export interface GraphqlRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/**
 * Parses, validates against GitHub's schema, prices, charges and executes one query. Answers are
 * 200 like GitHub's, errors included.
 */
export function runGraphql(world: GraphqlWorld, body: GraphqlRequestBody, budget: Budget): Reply {
  const headers = () => budget.githubHeaders('graphql');
  if (typeof body.query !== 'string') {
    return {
      status: 400,
      headers: headers(),
      body: {
        message: 'Problems parsing JSON',
        documentation_url: 'https://docs.github.com/graphql',
        status: '400',
      },
    };
  }
  const schema = githubSchema();
  let doc: ReturnType<typeof parse>;
  try {
    doc = parse(body.query);
  } catch (e) {
    const err = e as GraphQLError;
    return {
      status: 200,
      headers: headers(),
      body: { errors: [{ message: err.message, locations: err.locations ?? [] }] },
    };
  }
  const invalid = validate(schema, doc);
  if (invalid.length > 0) {
    return { status: 200, headers: headers(), body: { errors: invalid.map(toValidationError) } };
  }
  const variables = (
    typeof body.variables === 'object' && body.variables !== null ? body.variables : {}
  ) as Record<string, unknown>;
  const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
  const priced = queryCost(schema, doc, operationName, variables);
  if (priced.errors.length > 0) {
    return { status: 200, headers: headers(), body: { errors: priced.errors } };
  }
  if (!budget.take(priced.cost)) {
    return {
      status: 200,
      headers: headers(),
      body: {
        errors: [
          {
            type: 'RATE_LIMITED',
            code: 'graphql_rate_limit',
            message: 'API rate limit already exceeded for user ID 1.',
          },
        ],
      },
    };
  }
  const graph = new Graph(world);
  const root = {
    repository: (a: Args) => graph.repository(a),
    rateLimit: () => ({
      __typename: 'RateLimit',
      cost: priced.cost,
      limit: budget.limit,
      nodeCount: priced.nodeCount,
      remaining: budget.remaining(),
      used: budget.used,
      resetAt: new Date(budget.resetAt() * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    }),
  };
  const result = execute({
    schema,
    document: doc,
    rootValue: root,
    variableValues: variables,
    operationName,
    fieldResolver,
  });
  if (result instanceof Promise) throw new Error('resolvers are synchronous');
  const out: Record<string, unknown> = { data: result.data ?? null };
  if (result.errors && result.errors.length > 0) out.errors = result.errors.map(toGithubError);
  return { status: 200, headers: headers(), body: out };
}
