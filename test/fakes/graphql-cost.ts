import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getVariableValues,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  valueFromASTUntyped,
} from 'graphql';

/** A GitHub-style error found before execution (pagination limits, node limit). */
export interface StaticError {
  type: string;
  message: string;
  path: string[];
  locations: Array<{ line: number; column: number }>;
}

export interface QueryCost {
  /** GitHub's rate-limit cost: requests / 100, rounded, at least 1. */
  cost: number;
  nodeCount: number;
  errors: StaticError[];
}

const MAX_NODES = 500_000;

/**
 * GitHub's cost model: every connection is assumed to return `first`/`last` items, each of which
 * issues the nested connections again. Requests are summed and divided by 100.
 */
export function queryCost(
  schema: GraphQLSchema,
  doc: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const d of doc.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    if (d.kind === Kind.OPERATION_DEFINITION) {
      if (operationName === undefined || d.name?.value === operationName) operation ??= d;
    }
  }
  const result: QueryCost = { cost: 1, nodeCount: 0, errors: [] };
  if (operation === undefined) return result;
  const root =
    operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return result;
  let requests = 0;
  // Defaults declared on the operation (`$first: Int = 100`) count like passed values.
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  const values = coerced.coerced ?? variables;
  const argValue = (node: ValueNode): unknown => valueFromASTUntyped(node, values);

  const walk = (
    set: SelectionSetNode,
    type: GraphQLNamedType,
    multiplier: number,
    path: string[],
  ): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const f = fragments.get(sel.name.value);
        if (f)
          walk(
            f.selectionSet,
            schema.getType(f.typeCondition.name.value) ?? type,
            multiplier,
            path,
          );
        continue;
      }
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        const t = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : type;
        walk(sel.selectionSet, t ?? type, multiplier, path);
        continue;
      }
      if (!(isObjectType(type) || isInterfaceType(type))) continue;
      const field: GraphQLField<unknown, unknown> | undefined = type.getFields()[sel.name.value];
      if (field === undefined) continue;
      const named = getNamedType(field.type);
      const fieldPath = [...path, sel.alias?.value ?? sel.name.value];
      let childMultiplier = multiplier;
      const isConnection =
        named.name.endsWith('Connection') && field.args.some((a) => a.name === 'first');
      if (isConnection) {
        const args = new Map(sel.arguments?.map((a) => [a.name.value, argValue(a.value)]) ?? []);
        const first = args.get('first');
        const last = args.get('last');
        const size =
          typeof first === 'number' ? first : typeof last === 'number' ? last : undefined;
        const loc = sel.loc
          ? locationOf(sel.loc.source.body, sel.loc.start)
          : { line: 1, column: 1 };
        if (size === undefined) {
          result.errors.push({
            type: 'MISSING_PAGINATION_BOUNDARIES',
            message: `You must provide a \`first\` or \`last\` value to properly paginate the \`${sel.name.value}\` connection.`,
            path: fieldPath,
            locations: [loc],
          });
        } else if (size > 100 || size < 0) {
          const which = typeof first === 'number' ? 'first' : 'last';
          result.errors.push({
            type: 'EXCESSIVE_PAGINATION',
            message: `Requesting ${size} records on the \`${sel.name.value}\` connection exceeds the \`${which}\` limit of 100 records.`,
            path: fieldPath,
            locations: [loc],
          });
        }
        const n = Math.max(0, Math.min(size ?? 100, 100));
        requests += multiplier;
        result.nodeCount += multiplier * n;
        childMultiplier = multiplier * n;
      }
      if (sel.selectionSet) walk(sel.selectionSet, named, childMultiplier, fieldPath);
    }
  };
  walk(operation.selectionSet, root, 1, [operation.operation]);
  result.cost = Math.max(1, Math.round(requests / 100));
  if (result.nodeCount > MAX_NODES) {
    result.errors.push({
      type: 'MAX_NODE_LIMIT_EXCEEDED',
      message: `This query requests up to ${result.nodeCount.toLocaleString('en-US')} possible nodes which exceeds the maximum limit of 500,000.`,
      path: [operation.operation],
      locations: [{ line: 1, column: 1 }],
    });
  }
  return result;
}

function locationOf(body: string, offset: number): { line: number; column: number } {
  const before = body.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
