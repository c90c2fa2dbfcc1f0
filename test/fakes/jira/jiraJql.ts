import { jqlLiteralToMs } from './jiraClock';
import type { FakeJiraIssue } from './jiraData';

/**
 * The subset of JQL the fake understands, parsed for real: `project`, `labels` and `key` with
 * `=`, `!=` and `in (…)`; `updated` and `created` compared with date literals read in the user's
 * zone; `AND`, `OR` and parentheses; `ORDER BY updated|created|key ASC|DESC, …`. Anything else
 * is refused with a 400 in Jira's words, so an adapter that sends something Jira would refuse
 * fails here too.
 */
export class JqlError extends Error {}

export interface JqlQuery {
  readonly bounded: boolean;
  matches(issue: FakeJiraIssue): boolean;
  compare(a: FakeJiraIssue, b: FakeJiraIssue): number;
}

interface Token {
  readonly kind: 'word' | 'string' | 'op' | 'punct' | 'end';
  readonly text: string;
  readonly at: number;
}

type Predicate = (issue: FakeJiraIssue) => boolean;

const OPERATORS = ['>=', '<=', '!=', '!~', '=', '>', '<', '~'];
const TEXT_FIELDS: Readonly<Record<string, (issue: FakeJiraIssue) => readonly string[]>> = {
  project: (issue) => [issue.project],
  labels: (issue) => issue.labels,
  key: (issue) => [issue.key],
};
const DATE_FIELDS: Readonly<Record<string, (issue: FakeJiraIssue) => number>> = {
  updated: (issue) => issue.updated,
  created: (issue) => issue.created,
};
const SORTS: Readonly<Record<string, (a: FakeJiraIssue, b: FakeJiraIssue) => number>> = {
  updated: (a, b) => a.updated - b.updated,
  created: (a, b) => a.created - b.created,
  key: (a, b) => a.project.localeCompare(b.project) || keyNumber(a) - keyNumber(b),
};

function keyNumber(issue: FakeJiraIssue): number {
  return Number(issue.key.split('-').pop());
}

export function parseJql(text: string, context: { readonly timeZone: string; readonly projects: ReadonlySet<string> }): JqlQuery {
  return new Parser(tokenize(text), context).query();
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index] ?? '';
    if (/\s/.test(char)) {
      index++;
    } else if (char === '"' || char === "'") {
      let value = '';
      let end = index + 1;
      while (end < text.length && text[end] !== char) {
        if (text[end] === '\\') end++;
        value += text[end] ?? '';
        end++;
      }
      if (end >= text.length) throw syntax(`the quoted string starting at character ${index + 1} has no closing quote`, index);
      tokens.push({ kind: 'string', text: value, at: index });
      index = end + 1;
    } else if ('(),'.includes(char)) {
      tokens.push({ kind: 'punct', text: char, at: index++ });
    } else {
      const operator = OPERATORS.find((candidate) => text.startsWith(candidate, index));
      if (operator) {
        tokens.push({ kind: 'op', text: operator, at: index });
        index += operator.length;
        continue;
      }
      const word = /^[^\s()=,!<>~"']+/.exec(text.slice(index))?.[0] ?? char;
      tokens.push({ kind: 'word', text: word, at: index });
      index += word.length;
    }
  }
  tokens.push({ kind: 'end', text: '<EOF>', at: text.length });
  return tokens;
}

function syntax(detail: string, at: number): JqlError {
  return new JqlError(`Error in the JQL Query: ${detail}. (line 1, character ${at + 1})`);
}

class Parser {
  private index = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly context: { readonly timeZone: string; readonly projects: ReadonlySet<string> },
  ) {}

  query(): JqlQuery {
    const where = this.peekKeyword('order') || this.peek().kind === 'end' ? undefined : this.or();
    const sorts: ((a: FakeJiraIssue, b: FakeJiraIssue) => number)[] = [];
    if (this.peekKeyword('order')) {
      this.next();
      this.expectKeyword('by');
      do {
        const field = this.expect('word', 'a field name').text.toLowerCase();
        const sort = SORTS[field];
        if (!sort) throw new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`);
        const descending = this.peekKeyword('desc');
        if (descending || this.peekKeyword('asc')) this.next();
        sorts.push(descending ? (a, b) => sort(b, a) : sort);
      } while (this.accept('punct', ','));
    }
    const last = this.peek();
    if (last.kind !== 'end') throw syntax(`Expecting either 'OR' or 'AND' but got '${last.text}'`, last.at);
    // Jira's default order for a query without ORDER BY: newest key first.
    if (sorts.length === 0) sorts.push((a, b) => SORTS['key']?.(b, a) ?? 0);
    return {
      bounded: where !== undefined,
      matches: where ?? (() => true),
      compare: (a, b) => {
        for (const sort of sorts) {
          const order = sort(a, b);
          if (order !== 0) return order;
        }
        return 0;
      },
    };
  }

  private or(): Predicate {
    const terms = [this.and()];
    while (this.peekKeyword('or')) {
      this.next();
      terms.push(this.and());
    }
    return terms.length === 1 ? (terms[0] as Predicate) : (issue) => terms.some((term) => term(issue));
  }

  private and(): Predicate {
    const terms = [this.term()];
    while (this.peekKeyword('and')) {
      this.next();
      terms.push(this.term());
    }
    return terms.length === 1 ? (terms[0] as Predicate) : (issue) => terms.every((term) => term(issue));
  }

  private term(): Predicate {
    if (this.accept('punct', '(')) {
      const inner = this.or();
      this.expect('punct', "')'", ')');
      return inner;
    }
    const field = this.expect('word', 'a field name').text.toLowerCase();
    const values = TEXT_FIELDS[field];
    const date = DATE_FIELDS[field];
    if (!values && !date) throw new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`);
    if (values) return this.textClause(field, values);
    return this.dateClause(field, date as (issue: FakeJiraIssue) => number);
  }

  private textClause(field: string, values: (issue: FakeJiraIssue) => readonly string[]): Predicate {
    const negated = this.peek().text === '!=';
    if (this.peekKeyword('in')) {
      this.next();
      this.expect('punct', "'('", '(');
      const wanted = [this.value(field)];
      while (this.accept('punct', ',')) wanted.push(this.value(field));
      this.expect('punct', "')'", ')');
      return (issue) => values(issue).some((value) => wanted.includes(value.toLowerCase()));
    }
    const operator = this.expect('op', 'an operator');
    if (operator.text !== '=' && operator.text !== '!=') throw new JqlError(`The operator '${operator.text}' is not supported by the '${field}' field.`);
    const wanted = this.value(field);
    return negated ? (issue) => !values(issue).some((value) => value.toLowerCase() === wanted) : (issue) => values(issue).some((value) => value.toLowerCase() === wanted);
  }

  private value(field: string): string {
    const token = this.peek();
    if (token.kind !== 'word' && token.kind !== 'string') throw syntax(`Expecting a value but got '${token.text}'`, token.at);
    this.next();
    if (field === 'project' && !this.context.projects.has(token.text.toUpperCase())) throw new JqlError(`The value '${token.text}' does not exist for the field 'project'.`);
    return token.text.toLowerCase();
  }

  private dateClause(field: string, read: (issue: FakeJiraIssue) => number): Predicate {
    const operator = this.expect('op', 'an operator');
    const token = this.peek();
    if (token.kind !== 'word' && token.kind !== 'string') throw syntax(`Expecting a date but got '${token.text}'`, token.at);
    this.next();
    const at = jqlLiteralToMs(token.text, this.context.timeZone);
    if (at === undefined) throw new JqlError(`Date value '${token.text}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`);
    switch (operator.text) {
      case '>=':
        return (issue) => read(issue) >= at;
      case '>':
        return (issue) => read(issue) > at;
      case '<=':
        return (issue) => read(issue) <= at;
      case '<':
        return (issue) => read(issue) < at;
      default:
        throw new JqlError(`The operator '${operator.text}' is not supported by the '${field}' field in this fake.`);
    }
  }

  private peek(): Token {
    return this.tokens[this.index] ?? { kind: 'end', text: '<EOF>', at: 0 };
  }

  private next(): Token {
    const token = this.peek();
    this.index++;
    return token;
  }

  private peekKeyword(keyword: string): boolean {
    const token = this.peek();
    return token.kind === 'word' && token.text.toLowerCase() === keyword;
  }

  private expectKeyword(keyword: string): void {
    if (!this.peekKeyword(keyword)) throw syntax(`Expecting '${keyword.toUpperCase()}' but got '${this.peek().text}'`, this.peek().at);
    this.next();
  }

  private accept(kind: Token['kind'], text: string): boolean {
    const token = this.peek();
    if (token.kind !== kind || token.text !== text) return false;
    this.next();
    return true;
  }

  private expect(kind: Token['kind'], description: string, text?: string): Token {
    const token = this.peek();
    if (token.kind !== kind || (text !== undefined && token.text !== text)) throw syntax(`Expecting ${description} but got '${token.text}'`, token.at);
    return this.next();
  }
}
