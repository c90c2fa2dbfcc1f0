import type { Node, Tree } from '@vscode/tree-sitter-wasm';
import type { GrammarName } from '../languages';
import type { CodeSymbol, SymbolKind } from './codeSymbol';

interface Rule {
  /** `undefined` for nodes that only qualify their children (Rust `impl`, C# namespaces). */
  readonly kind?: SymbolKind;
  /** Whether the node's name qualifies the names of symbols inside it. */
  readonly container: boolean;
  readonly name?: (node: Node) => string | undefined;
  /** Only when the node qualifies: e.g. a variable declarator holding a function. */
  readonly when?: (node: Node) => boolean;
}

const container = (kind: SymbolKind): Rule => ({ kind, container: true });
const leaf = (kind: SymbolKind): Rule => ({ kind, container: false });
const fieldText = (field: string) => (node: Node) => node.childForFieldName(field)?.text;
const FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'function', 'generator_function', 'class']);
const holdsFunction = (node: Node) => FUNCTION_VALUES.has(node.childForFieldName('value')?.type ?? '');

const ECMASCRIPT: Record<string, Rule> = {
  class_declaration: container('class'),
  abstract_class_declaration: container('class'),
  interface_declaration: container('interface'),
  enum_declaration: leaf('enum'),
  internal_module: container('module'),
  function_declaration: container('function'),
  generator_function_declaration: container('function'),
  method_definition: container('method'),
  method_signature: leaf('method'),
  abstract_method_signature: leaf('method'),
  variable_declarator: { kind: 'function', container: true, when: holdsFunction },
  public_field_definition: { kind: 'method', container: true, when: holdsFunction },
};

/** Go methods live outside their type: the receiver's type qualifies them. */
function goReceiverType(node: Node): string | undefined {
  const receiver = node.childForFieldName('receiver')?.namedChildren[0]?.childForFieldName('type');
  let type = receiver;
  while (type && (type.type === 'pointer_type' || type.type === 'generic_type')) {
    type = type.type === 'pointer_type' ? type.namedChildren[0] : type.childForFieldName('type');
  }
  return type?.text;
}

/** `impl<T> Foo<T> for Bar` qualifies its functions with `Bar`'s bare name. */
function rustImplType(node: Node): string | undefined {
  const type = node.childForFieldName('type');
  return (type?.type === 'generic_type' ? type.childForFieldName('type') : type)?.text;
}

const RULES: Record<GrammarName, Record<string, Rule>> = {
  typescript: ECMASCRIPT,
  tsx: ECMASCRIPT,
  javascript: ECMASCRIPT,
  python: {
    class_definition: container('class'),
    function_definition: container('function'),
  },
  go: {
    function_declaration: leaf('function'),
    method_declaration: leaf('method'),
    type_spec: leaf('struct'),
  },
  java: {
    class_declaration: container('class'),
    interface_declaration: container('interface'),
    enum_declaration: container('enum'),
    record_declaration: container('class'),
    method_declaration: leaf('method'),
    constructor_declaration: leaf('method'),
  },
  'c-sharp': {
    class_declaration: container('class'),
    struct_declaration: container('struct'),
    interface_declaration: container('interface'),
    record_declaration: container('class'),
    enum_declaration: leaf('enum'),
    method_declaration: leaf('method'),
    constructor_declaration: leaf('method'),
    property_declaration: leaf('property'),
    local_function_statement: leaf('function'),
  },
  rust: {
    struct_item: leaf('struct'),
    enum_item: leaf('enum'),
    trait_item: container('trait'),
    mod_item: container('module'),
    function_item: leaf('function'),
    function_signature_item: leaf('function'),
    impl_item: { container: true, name: rustImplType },
  },
  ruby: {
    class: container('class'),
    module: container('module'),
    method: leaf('method'),
    singleton_method: leaf('method'),
  },
};

/** Nodes that wrap a declaration and so carry its leading comments before them. */
const WRAPPERS = new Set(['export_statement', 'decorated_definition', 'lexical_declaration', 'variable_declaration', 'type_declaration', 'ambient_declaration']);
/** Siblings that belong to the declaration that follows them. */
const PREAMBLE = new Set(['decorator', 'attribute_item', 'attribute_list']);

/**
 * The declarations of a parsed file, each with its qualified name and the range its links
 * attach to: the declaration plus the comments and decorators directly above it, so that
 * `// friction: PAY-101` on the line before a method belongs to that method.
 */
export function buildOutline(tree: Tree, grammar: GrammarName): CodeSymbol[] {
  const rules = RULES[grammar];
  const symbols: CodeSymbol[] = [];
  const visit = (node: Node, containers: readonly string[]): void => {
    for (const child of node.namedChildren) {
      if (!child) continue;
      const rule = rules[child.type];
      if (!rule || (rule.when && !rule.when(child))) {
        visit(child, containers);
        continue;
      }
      const name = (rule.name ?? fieldText('name'))(child);
      if (!name) {
        visit(child, containers);
        continue;
      }
      const qualifiers = grammar === 'go' && child.type === 'method_declaration' ? [goReceiverType(child) ?? ''].filter(Boolean) : containers;
      if (rule.kind) {
        const nameNode = child.childForFieldName('name') ?? child;
        symbols.push({
          name,
          qualifiedName: [...qualifiers, name].join('.'),
          kind: rule.kind,
          nameRange: rangeOf(nameNode.startPosition, nameNode.endPosition),
          range: rangeOf(leadingStart(child), child.endPosition),
        });
      }
      visit(child, rule.container ? [...qualifiers, name] : containers);
    }
  };
  visit(tree.rootNode, []);
  return symbols;
}

interface Point {
  readonly row: number;
  readonly column: number;
}

function leadingStart(declaration: Node): Point {
  let anchor = declaration;
  while (anchor.parent && WRAPPERS.has(anchor.parent.type)) anchor = anchor.parent;
  let start = anchor.startPosition;
  let sibling = previousInScope(anchor);
  while (sibling) {
    const leading = sibling.type.includes('comment') || PREAMBLE.has(sibling.type);
    // A blank line between a comment and a declaration ends the comment's claim on it.
    if (!leading || sibling.endPosition.row < start.row - 1) break;
    start = sibling.startPosition;
    sibling = previousInScope(sibling);
  }
  return start;
}

/**
 * Python and Ruby put the comment above a class's first member next to the class body, not
 * inside it: for the body's first child, the body's own earlier siblings are the ones above it.
 */
const BODIES = new Set(['block', 'body_statement']);
function previousInScope(node: Node): Node | null {
  const previous = node.previousNamedSibling;
  if (previous) return previous;
  const parent = node.parent;
  return parent && BODIES.has(parent.type) ? parent.previousNamedSibling : null;
}

function rangeOf(start: Point, end: Point) {
  return { startLine: start.row, startCharacter: start.column, endLine: end.row, endCharacter: end.column };
}
