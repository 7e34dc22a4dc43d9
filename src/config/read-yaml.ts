import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import type { ConfigProblem } from '../errors.js';

/**
 * Parse one YAML file and validate it, turning every YAML and schema problem into a
 * ConfigProblem naming the file and key, so the user sees all of them at once.
 */
export function readYamlFile<S extends z.ZodType>(
  absPath: string,
  displayName: string,
  schema: S,
  problems: ConfigProblem[],
): z.infer<S> | undefined {
  let text: string;
  try {
    text = readFileSync(absPath, 'utf8');
  } catch (error) {
    problems.push({ file: displayName, path: '', message: `cannot read: ${(error as Error).message}` });
    return undefined;
  }
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) problems.push({ file: displayName, path: '', message: `YAML: ${e.message.split('\n')[0]}` });
    return undefined;
  }
  const value = doc.toJS() ?? {};
  return validate(value, displayName, schema, problems);
}

export function validate<S extends z.ZodType>(
  value: unknown,
  displayName: string,
  schema: S,
  problems: ConfigProblem[],
  pathPrefix = '',
): z.infer<S> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const keyPath = [pathPrefix, ...issue.path.map(String)].filter(Boolean).join('.');
    problems.push({ file: displayName, path: keyPath, message: issueMessage(issue) });
  }
  return undefined;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown key(s): ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'required';
  return issue.message;
}
