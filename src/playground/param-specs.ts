/**
 * Build time: finds a playground's `param(name, default, options?)` calls with
 * TypeScript's own parser, so the page can show each as a control above the code before
 * anything runs. Only literal arguments can be read without running the code; a call
 * whose name or default is not a literal gets no control, and options that are not
 * literals are a build error naming the line (they could not be shown as written).
 */
import ts from 'typescript';
import type { ParamValue } from '../runner/protocol.ts';

export interface ParamSpec {
  name: string;
  default: ParamValue;
  label?: string;
  min?: number;
  max?: number;
  step?: number;
  choices?: ParamValue[];
  /** 1-based line of the call. */
  line: number;
}

function literal(node: ts.Expression): ParamValue | undefined {
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) {
    return -Number(node.operand.text);
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}

function readOptions(node: ts.Expression, where: string): Omit<ParamSpec, 'name' | 'default' | 'line'> {
  if (!ts.isObjectLiteralExpression(node)) throw new Error(`${where}: param options must be an object literal`);
  const options: Omit<ParamSpec, 'name' | 'default' | 'line'> = {};
  for (const property of node.properties) {
    if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) {
      throw new Error(`${where}: param options must be plain \`key: value\` properties`);
    }
    const key = property.name.text;
    const value = property.initializer;
    if (key === 'choices') {
      const items = ts.isArrayLiteralExpression(value) ? value.elements.map((e) => literal(e)) : undefined;
      if (!items || items.some((c) => c === undefined)) throw new Error(`${where}: param choices must be an array of literals`);
      options.choices = items as ParamValue[];
    } else if (key === 'label') {
      const text = literal(value);
      if (typeof text !== 'string') throw new Error(`${where}: param label must be a string literal`);
      options.label = text;
    } else if (key === 'min' || key === 'max' || key === 'step') {
      const n = literal(value);
      if (typeof n !== 'number') throw new Error(`${where}: param ${key} must be a number literal`);
      options[key] = n;
    } else {
      throw new Error(`${where}: unknown param option "${key}" (label, min, max, step, choices)`);
    }
  }
  return options;
}

/** Every `param(...)` call of `source` that the page can show, in source order; `file` names errors. */
export function paramSpecs(source: string, file: string): ParamSpec[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const specs: ParamSpec[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'param') {
      const [nameArg, defaultArg, optionsArg] = node.arguments;
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      const name = nameArg && literal(nameArg);
      const value = defaultArg && literal(defaultArg);
      if (typeof name === 'string' && value !== undefined) {
        const spec: ParamSpec = { name, default: value, line, ...(optionsArg ? readOptions(optionsArg, `${file}:${line}`) : {}) };
        if (specs.some((s) => s.name === name)) throw new Error(`${file}:${line}: param "${name}" is declared twice`);
        specs.push(spec);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return specs;
}
